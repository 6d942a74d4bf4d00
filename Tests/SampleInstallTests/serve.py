"""A test HTTP server for `tala samples install` on 127.0.0.1 (an ephemeral port, printed first).

GET /FILE serves FILE from the folder given; /cut/FILE announces FILE's full length, sends half
and closes the connection; /stall/FILE sends half and then waits; /redirect/FILE answers 302 to
/FILE; anything else is a 404.
"""
import http.server
import os
import signal
import sys
import time

# The test process may start this with signals blocked; stopping it must work.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
signal.signal(signal.SIGTERM, signal.SIG_DFL)

ROOT = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        mode = parts[0] if len(parts) == 2 else "whole"
        name = parts[-1]
        path = os.path.join(ROOT, name)
        if mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "/" + name)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not os.path.isfile(path) or mode not in ("whole", "cut", "stall"):
            self.send_error(404)
            return
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if mode == "whole":
            self.wfile.write(body)
            return
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        if mode == "stall":
            time.sleep(120)
        self.close_connection = True


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
