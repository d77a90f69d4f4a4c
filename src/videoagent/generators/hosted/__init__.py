"""Hosted video providers: one module each, all built on `adapter.HostedGenerator`, which
speaks to them through `http.ProviderHTTP`. They need only the standard library and an API
key in the environment (see each catalog entry's `setup`)."""
