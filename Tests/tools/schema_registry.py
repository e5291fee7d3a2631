#!/usr/bin/env python3
"""A small in-memory stand-in for Confluent Schema Registry, for tests (Python stdlib only).

    schema_registry.py [--port 0] [--host 127.0.0.1] [--auth USER:PASS] [--preload MANIFEST]

Prints `http://HOST:PORT` as its first stdout line, then serves until killed. Speaks the part
of the REST API that confluent-kafka's serializers and a registry client use:

  POST /subjects/{s}/versions          register -> {"id": N}; the same schema gets the same id
  POST /subjects/{s}                   lookup -> {"subject","id","version","schema",...}
  GET  /schemas/ids/{id}[?format=serialized]   {"schema", "schemaType" (not for AVRO),
                                                "references" (when any)}
  GET  /schemas/ids/{id}/schema        the bare schema string
  GET  /schemas/ids/{id}/subjects | /versions
  GET  /schemas/types
  GET  /subjects, /subjects/{s}/versions, /subjects/{s}/versions/{v|latest}[/schema]
  GET  /subjects/{s}/versions/{v}/referencedby
  GET|PUT /config, /config/{s};  GET|PUT /mode, /mode/{s}
  GET  /__stats                        {"requests": {"GET /schemas/ids/1": 2, ...}} (not part
                                       of the real API: lets tests count fetches per path)

Errors carry the real API's bodies and statuses, e.g. 404 {"error_code": 40403,
"message": "Schema 7 not found"}. With --auth every request but /__stats needs HTTP basic
auth, otherwise 401 {"error_code": 401, "message": "Unauthorized"}.

Protobuf schemas registered as a base64 FileDescriptorProto (what confluent-kafka's Python
serializer sends) are answered as .proto text, like the real registry, and as the base64
form with ?format=serialized. --preload registers the cases of a fixtures manifest.json
(Tests/Fixtures/SchemaRegistry/) with their recorded ids before serving.
"""

import argparse
import base64
import binascii
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import proto_text  # noqa: E402

CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"
COMPATIBILITY_LEVELS = {"BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE",
                        "FULL", "FULL_TRANSITIVE", "NONE"}
MODES = {"READWRITE", "READONLY", "READONLY_OVERRIDE", "IMPORT"}


class ApiError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def subject_not_found(subject):
    return ApiError(404, 40401, "Subject '%s' not found." % subject)


def version_not_found(version):
    return ApiError(404, 40402, "Version %s not found." % version)


def schema_not_found(schema_id=None):
    if schema_id is None:
        return ApiError(404, 40403, "Schema not found")
    return ApiError(404, 40403, "Schema %s not found" % schema_id)


class Registry:
    """Schemas by global id; subjects as ordered lists of ids (version = index + 1)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.schemas = {}      # id -> {"schema", "schemaType", "references", "serialized"}
        self.by_key = {}       # identity key -> id
        self.subjects = {}     # subject -> [id, ...]
        self.next_id = 1
        self.config = {None: "BACKWARD"}
        self.mode = {None: "READWRITE"}
        self.stats = {}

    @staticmethod
    def _normalize(schema_type, text, references):
        refs = []
        for ref in references or []:
            if not isinstance(ref, dict) or not all(k in ref for k in ("name", "subject", "version")):
                raise ApiError(422, 42201, "Invalid schema: bad reference %r" % (ref,))
            refs.append({"name": ref["name"], "subject": ref["subject"], "version": int(ref["version"])})
        if schema_type in ("AVRO", "JSON"):
            try:
                parsed = json.loads(text)
            except ValueError as e:
                raise ApiError(422, 42201, "Invalid schema: %s" % e)
            if schema_type == "AVRO" and not isinstance(parsed, (dict, list, str)):
                raise ApiError(422, 42201, "Invalid schema: not an Avro schema")
            canonical = json.dumps(parsed, separators=(",", ":"), ensure_ascii=False)
            return canonical, None, refs
        if schema_type == "PROTOBUF":
            serialized = None
            stripped = text.strip()
            if not stripped.startswith(("syntax", "package", "message", "import", "//", "option", "enum")):
                try:
                    serialized = base64.b64decode(stripped, validate=True)
                    proto_text.render(serialized)
                except (binascii.Error, ValueError) as e:
                    raise ApiError(422, 42201, "Invalid schema: not .proto text nor a FileDescriptorProto: %s" % e)
            return text, serialized, refs
        raise ApiError(422, 42201, "Invalid schema type %s" % schema_type)

    def _check_refs(self, refs):
        for ref in refs:
            versions = self.subjects.get(ref["subject"])
            if not versions or not 1 <= ref["version"] <= len(versions):
                raise ApiError(422, 42201, "Invalid schema: reference %s version %s not found"
                               % (ref["subject"], ref["version"]))

    def register(self, subject, body):
        schema_type = body.get("schemaType") or "AVRO"
        if "schema" not in body or not isinstance(body["schema"], str):
            raise ApiError(422, 42201, "Invalid schema: missing schema")
        text, serialized, refs = self._normalize(schema_type, body["schema"], body.get("references"))
        key = (schema_type, text, json.dumps(refs, sort_keys=True))
        with self.lock:
            if self.mode.get(subject, self.mode[None]) == "READONLY":
                raise ApiError(422, 42205, "Subject %s is in read-only mode" % subject)
            self._check_refs(refs)
            schema_id = self.by_key.get(key)
            if schema_id is None:
                schema_id = self.next_id
                self.next_id += 1
                self.by_key[key] = schema_id
                # Served as registered (the first registration of this schema).
                self.schemas[schema_id] = {"schema": body["schema"], "schemaType": schema_type,
                                           "references": refs, "serialized": serialized}
            versions = self.subjects.setdefault(subject, [])
            if schema_id not in versions:
                versions.append(schema_id)
            return schema_id

    def preload(self, schema_id, subject, schema_type, text, references):
        normalized, serialized, refs = self._normalize(schema_type, text, references)
        key = (schema_type, normalized, json.dumps(refs, sort_keys=True))
        with self.lock:
            if schema_id in self.schemas and self.by_key.get(key) != schema_id:
                raise ValueError("id %d preloaded twice with different schemas" % schema_id)
            self.by_key[key] = schema_id
            self.schemas[schema_id] = {"schema": text, "schemaType": schema_type,
                                       "references": refs, "serialized": serialized}
            versions = self.subjects.setdefault(subject, [])
            if schema_id not in versions:
                versions.append(schema_id)
            self.next_id = max(self.next_id, schema_id + 1)

    def lookup(self, subject, body):
        schema_type = body.get("schemaType") or "AVRO"
        if "schema" not in body:
            raise ApiError(422, 42201, "Invalid schema: missing schema")
        text, _, refs = self._normalize(schema_type, body["schema"], body.get("references"))
        key = (schema_type, text, json.dumps(refs, sort_keys=True))
        with self.lock:
            versions = self.subjects.get(subject)
            if versions is None:
                raise subject_not_found(subject)
            schema_id = self.by_key.get(key)
            if schema_id is None or schema_id not in versions:
                raise schema_not_found()
            return self._version_body(subject, versions.index(schema_id) + 1, schema_id, None)

    def schema_text(self, schema_id, fmt):
        entry = self.schemas[schema_id]
        if entry["serialized"] is not None:
            if fmt == "serialized":
                return entry["schema"]
            return proto_text.render(entry["serialized"])
        return entry["schema"]

    def schema_body(self, schema_id, fmt=None):
        with self.lock:
            if schema_id not in self.schemas:
                raise schema_not_found(schema_id)
            entry = self.schemas[schema_id]
            body = {"schema": self.schema_text(schema_id, fmt)}
            if entry["schemaType"] != "AVRO":
                body["schemaType"] = entry["schemaType"]
            if entry["references"]:
                body["references"] = entry["references"]
            return body

    def _version_body(self, subject, version, schema_id, fmt):
        entry = self.schemas[schema_id]
        body = {"subject": subject, "version": version, "id": schema_id,
                "schema": self.schema_text(schema_id, fmt)}
        if entry["schemaType"] != "AVRO":
            body["schemaType"] = entry["schemaType"]
        if entry["references"]:
            body["references"] = entry["references"]
        return body

    def resolve_version(self, subject, version):
        versions = self.subjects.get(subject)
        if versions is None:
            raise subject_not_found(subject)
        if version in ("latest", "-1"):
            return len(versions), versions[-1]
        try:
            number = int(version)
        except ValueError:
            raise ApiError(422, 42202, "The specified version '%s' is not a valid version id. Allowed "
                           "values are between [1, 2^31-1] and the string \"latest\"" % version)
        if number < 1:
            raise ApiError(422, 42202, "The specified version '%s' is not a valid version id. Allowed "
                           "values are between [1, 2^31-1] and the string \"latest\"" % version)
        if number > len(versions):
            raise version_not_found(number)
        return number, versions[number - 1]

    def version_body(self, subject, version, fmt=None):
        with self.lock:
            number, schema_id = self.resolve_version(subject, version)
            return self._version_body(subject, number, schema_id, fmt)

    def referenced_by(self, subject, version):
        with self.lock:
            number, _ = self.resolve_version(subject, version)
            return sorted(sid for sid, entry in self.schemas.items()
                          if any(r["subject"] == subject and r["version"] == number
                                 for r in entry["references"]))


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-schema-registry/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("schema_registry: " + (fmt % args) + "\n")

    def _send(self, status, body, extra_headers=None):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}
        try:
            body = json.loads(raw)
        except ValueError:
            raise ApiError(400, 400, "Unexpected character in request body")
        if not isinstance(body, dict):
            raise ApiError(400, 400, "Request body must be a JSON object")
        return body

    def _authorized(self):
        expected = self.server.auth
        if expected is None:
            return True
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            return base64.b64decode(header[6:], validate=True).decode("utf-8") == expected
        except (binascii.Error, UnicodeDecodeError):
            return False

    def _handle(self, method):
        parsed = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parsed.query))
        parts = [urllib.parse.unquote(p) for p in parsed.path.split("/") if p]
        registry = self.server.registry
        if parts == ["__stats"] and method == "GET":
            with registry.lock:
                self._send(200, {"requests": dict(sorted(registry.stats.items()))})
            return
        with registry.lock:
            key = "%s %s" % (method, parsed.path)
            registry.stats[key] = registry.stats.get(key, 0) + 1
        try:
            if not self._authorized():
                # Drain the body so the connection stays usable.
                self._body() if method in ("POST", "PUT") else None
                self._send(401, {"error_code": 401, "message": "Unauthorized"},
                           {"WWW-Authenticate": 'Basic realm="SchemaRegistry"'})
                return
            body = self._body() if method in ("POST", "PUT") else {}
            status, result = self._route(method, parts, query, body)
            self._send(status, result)
        except ApiError as e:
            self._send(e.status, {"error_code": e.code, "message": e.message})
        except Exception as e:  # noqa: BLE001 - a test server answers 500 and keeps serving
            self._send(500, {"error_code": 50001, "message": "Error in the backend data store: %s" % e})

    def _route(self, method, parts, query, body):
        r = self.server.registry
        fmt = query.get("format")
        n = len(parts)
        if method == "GET" and parts == ["schemas", "types"]:
            return 200, ["JSON", "PROTOBUF", "AVRO"]
        if n >= 3 and parts[:2] == ["schemas", "ids"]:
            try:
                schema_id = int(parts[2])
            except ValueError:
                raise schema_not_found(parts[2])
            if method == "GET" and n == 3:
                return 200, r.schema_body(schema_id, fmt)
            if method == "GET" and n == 4 and parts[3] == "schema":
                return 200, r.schema_body(schema_id, fmt)["schema"]
            if method == "GET" and n == 4 and parts[3] in ("subjects", "versions"):
                with r.lock:
                    if schema_id not in r.schemas:
                        raise schema_not_found(schema_id)
                    pairs = [(s, v.index(schema_id) + 1) for s, v in sorted(r.subjects.items())
                             if schema_id in v]
                if parts[3] == "subjects":
                    return 200, [s for s, _ in pairs]
                return 200, [{"subject": s, "version": v} for s, v in pairs]
        if parts == ["subjects"] and method == "GET":
            with r.lock:
                return 200, sorted(r.subjects)
        if n >= 2 and parts[0] == "subjects":
            subject = parts[1]
            if n == 2 and method == "POST":
                return 200, r.lookup(subject, body)
            if n == 3 and parts[2] == "versions":
                if method == "POST":
                    return 200, {"id": r.register(subject, body)}
                if method == "GET":
                    with r.lock:
                        if subject not in r.subjects:
                            raise subject_not_found(subject)
                        return 200, list(range(1, len(r.subjects[subject]) + 1))
            if n == 4 and parts[2] == "versions" and method == "GET":
                return 200, r.version_body(subject, parts[3], fmt)
            if n == 5 and parts[2] == "versions" and method == "GET":
                if parts[4] == "schema":
                    return 200, r.version_body(subject, parts[3], fmt)["schema"]
                if parts[4] == "referencedby":
                    return 200, r.referenced_by(subject, parts[3])
        if parts and parts[0] in ("config", "mode") and n <= 2:
            table = r.config if parts[0] == "config" else r.mode
            field_get = "compatibilityLevel" if parts[0] == "config" else "mode"
            field_put = "compatibility" if parts[0] == "config" else "mode"
            allowed = COMPATIBILITY_LEVELS if parts[0] == "config" else MODES
            subject = parts[1] if n == 2 else None
            if method == "GET":
                with r.lock:
                    if subject in table:
                        return 200, {field_get: table[subject]}
                    if query.get("defaultToGlobal", "false").lower() == "true":
                        return 200, {field_get: table[None]}
                if parts[0] == "config":
                    raise ApiError(404, 40408, "Subject '%s' does not have subject-level compatibility "
                                   "configured" % subject)
                raise ApiError(404, 40409, "Subject '%s' does not have subject-level mode configured"
                               % subject)
            if method == "PUT":
                value = body.get(field_put)
                if not isinstance(value, str) or value.upper() not in allowed:
                    if parts[0] == "config":
                        raise ApiError(422, 42203, "Invalid compatibility level. Valid values are none, "
                                       "backward, forward, full, backward_transitive, forward_transitive, "
                                       "and full_transitive")
                    raise ApiError(422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, "
                                   "READONLY_OVERRIDE, IMPORT")
                with r.lock:
                    table[subject] = value.upper()
                return 200, {field_put: value.upper()}
        if parts and parts[0] in ("schemas", "subjects", "config", "mode") and method in ("GET", "POST", "PUT"):
            raise ApiError(405, 405, "HTTP 405 Method Not Allowed")
        raise ApiError(404, 404, "HTTP 404 Not Found")

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")


def preload_manifest(registry, manifest_path):
    """Registers every case of a fixtures manifest under its recorded id, references first."""
    folder = os.path.dirname(os.path.abspath(manifest_path))
    with open(manifest_path) as f:
        manifest = json.load(f)
    entries = manifest.get("registrations", [])
    for entry in entries:
        with open(os.path.join(folder, entry["registeredFile"])) as f:
            text = f.read()
        registry.preload(entry["id"], entry["subject"], entry["schemaType"], text,
                         entry.get("references", []))


def serve(port=0, host="127.0.0.1", auth=None, preload=None, verbose=False):
    """Starts the server on a thread; returns (server, base_url)."""
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.registry = Registry()
    server.auth = auth
    server.verbose = verbose
    if preload:
        preload_manifest(server.registry, preload)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, "http://%s:%d" % (host, server.server_address[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--auth", metavar="USER:PASS", help="require HTTP basic auth")
    parser.add_argument("--preload", metavar="MANIFEST", help="register a fixtures manifest's schemas")
    parser.add_argument("--verbose", action="store_true", help="log each request on stderr")
    args = parser.parse_args()
    if args.auth is not None and ":" not in args.auth:
        parser.error("--auth takes USER:PASS")
    server, url = serve(args.port, args.host, args.auth, args.preload, args.verbose)
    print(url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
