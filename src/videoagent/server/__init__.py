"""The HTTP API and web app (`videoagent serve`): projects made by a worker pool, their
journals streamed as server-sent events, and a page that drives it all."""
