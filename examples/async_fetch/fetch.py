"""Async example: twenty requests to a local server, awaited one at a time.

`fetch_all` awaits each request inside a `for` loop, so the run takes about N x 100 ms even
though the requests do not depend on each other. `profile-first lint` flags the loop (PF101)
and offers the `asyncio.gather` rewrite; after it the run takes about 100 ms.

Everything stays on this machine: the server is stdlib `http.server` on 127.0.0.1 (a random
free port) in a daemon thread, the client is plain `asyncio.open_connection`, and the whole
run is bounded (at most 200 requests, 10 s per request, 60 s in all).
The lint may rewrite the loop because the client's class carries the
`# profile-first: concurrency-safe` marker: each request opens its own connection.
Usage: python fetch.py [N]   (default 20, at most 200)
"""
import asyncio
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DELAY_SECONDS = 0.1  # what each request waits on the server


class SlowHandler(BaseHTTPRequestHandler):
    """Answers GET /item/N with {"item": N, "square": N*N} after DELAY_SECONDS."""

    def do_GET(self):
        time.sleep(DELAY_SECONDS)
        n = int(self.path.rsplit("/", 1)[-1])
        body = json.dumps({"item": n, "square": n * n}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # keep the output to the results


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # the default 5 would make 20 concurrent connects wait for SYN retries


class LocalHttpClient:  # profile-first: concurrency-safe
    """A tiny HTTP/1.0 client. Each request opens its own connection, so concurrent
    requests share nothing (which is why the class carries the concurrency-safe marker)."""

    def __init__(self, host, port, timeout=10.0):
        self.host = host
        self.port = port
        self.timeout = timeout

    async def get(self, path):
        return await asyncio.wait_for(self._get(path), self.timeout)

    async def _get(self, path):
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(f"GET {path} HTTP/1.0\r\nHost: {self.host}\r\n\r\n".encode())
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
            await writer.wait_closed()
        head, _, body = raw.partition(b"\r\n\r\n")
        status = int(head.split()[1])
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        return json.loads(body)


async def fetch_all(host, port, n):
    client = LocalHttpClient(host, port)
    paths = [f"/item/{i}" for i in range(n)]
    results = []
    for path in paths:
        results.append(await client.get(path))
    return results


def main():
    n = min(int(sys.argv[1]) if len(sys.argv) > 1 else 20, 200)
    server = LocalServer(("127.0.0.1", 0), SlowHandler)
    # A short poll interval: shutdown() waits up to one interval (default 0.5 s) for the server loop.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        started = time.perf_counter()
        results = asyncio.run(asyncio.wait_for(fetch_all(host, port, n), 60))
        elapsed = time.perf_counter() - started
    finally:
        server.shutdown()
        server.server_close()
    print(f"fetched {len(results)} items, sum of squares {sum(r['square'] for r in results)}")
    print(f"took {elapsed:.2f} s")


if __name__ == "__main__":
    main()
