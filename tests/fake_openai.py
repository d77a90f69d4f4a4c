"""A local fake OpenAI-compatible chat server: scripted answers, every request recorded,
and (like some real servers) a refusal, HTTP 400, of response formats it does not support."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    """Serves scripted chat completions and records what it was asked. `refuse` holds the
    response_format types answered with 400 (e.g. {"json_schema"} for an older server)."""

    def __init__(self, answers: list[str], *, refuse: set[str] = frozenset()) -> None:
        self.answers = list(answers)
        self.refuse = set(refuse)
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "body": body})
                wanted = (body.get("response_format") or {}).get("type")
                if wanted in outer.refuse:
                    status, reply = 400, {"error": {"message": f"{wanted} is not supported"}}
                else:
                    content = outer.answers.pop(0) if outer.answers else "{}"
                    status = 200
                    reply = {"choices": [{"message": {"role": "assistant", "content": content}}]}
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
