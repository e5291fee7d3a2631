"""Renders a serialized google.protobuf.FileDescriptorProto as .proto source text.

Python stdlib only (the fake registry imports it). confluent-kafka's Python ProtobufSerializer
registers a Protobuf schema as a base64 FileDescriptorProto; a real Schema Registry answers
GET /schemas/ids/{id} with .proto text (and with the base64 form for ?format=serialized), so
the fake registry renders the text with this module.

Covers what the fixtures use: proto2/proto3, package, imports (public), common file options,
messages (nested), fields with labels, proto3 `optional`, oneofs, maps, enums, proto2
defaults, packed, json_name when it is not the default, reserved ranges and names.
Services, extensions, editions and custom options are not rendered.
"""

import base64
import struct

TYPE_NAMES = {
    1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32",
    8: "bool", 9: "string", 10: "group", 11: "message", 12: "bytes", 13: "uint32", 14: "enum",
    15: "sfixed32", 16: "sfixed64", 17: "sint32", 18: "sint64",
}
LABEL_OPTIONAL, LABEL_REQUIRED, LABEL_REPEATED = 1, 2, 3


def _varint(buf, pos):
    result = shift = 0
    while True:
        if pos >= len(buf):
            raise ValueError("truncated varint")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 70:
            raise ValueError("varint too long")


def _signed32(value):
    value &= 0xFFFFFFFFFFFFFFFF
    return value - (1 << 64) if value >= 1 << 63 else value


def parse_fields(buf):
    """Decodes one message level into {field number: [raw values]} (varints as ints,
    length-delimited as bytes, fixed as ints)."""
    fields = {}
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            value = struct.unpack_from("<Q", buf, pos)[0]
            pos += 8
        elif wire == 2:
            length, pos = _varint(buf, pos)
            value = bytes(buf[pos:pos + length])
            if len(value) != length:
                raise ValueError("truncated length-delimited field")
            pos += length
        elif wire == 5:
            value = struct.unpack_from("<I", buf, pos)[0]
            pos += 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        fields.setdefault(number, []).append(value)
    return fields


def _str(fields, number, default=""):
    values = fields.get(number)
    return values[-1].decode("utf-8") if values else default


def _int(fields, number, default=None):
    values = fields.get(number)
    return values[-1] if values else default


def _strs(fields, number):
    return [v.decode("utf-8") for v in fields.get(number, [])]


def _quote(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _default_json_name(name):
    out, upper = [], False
    for ch in name:
        if ch == "_":
            upper = True
        elif upper:
            out.append(ch.upper())
            upper = False
        else:
            out.append(ch)
    return "".join(out)


class _Renderer:
    def __init__(self, proto3):
        self.proto3 = proto3
        self.lines = []

    def emit(self, depth, text):
        self.lines.append("  " * depth + text if text else "")

    def enum(self, depth, raw):
        enum = parse_fields(raw)
        self.emit(depth, "enum %s {" % _str(enum, 1))
        options = parse_fields(enum[3][-1]) if 3 in enum else {}
        if _int(options, 2):
            self.emit(depth + 1, "option allow_alias = true;")
        for raw_value in enum.get(2, []):
            value = parse_fields(raw_value)
            self.emit(depth + 1, "%s = %d;" % (_str(value, 1), _signed32(_int(value, 2, 0))))
        self.emit(depth, "}")

    def field_type(self, field, map_entries):
        kind = _int(field, 5)
        if kind in (11, 14):
            type_name = _str(field, 6)
            if type_name in map_entries:
                return None
            return type_name
        return TYPE_NAMES[kind]

    def field_line(self, field, map_entries, in_oneof):
        name, number = _str(field, 1), _int(field, 3)
        label = _int(field, 4, LABEL_OPTIONAL)
        type_name = _str(field, 6)
        if label == LABEL_REPEATED and type_name in map_entries:
            key_type, value_type = map_entries[type_name]
            decl = "map<%s, %s> %s = %d" % (key_type, value_type, name, number)
        else:
            prefix = ""
            if in_oneof:
                pass
            elif label == LABEL_REPEATED:
                prefix = "repeated "
            elif label == LABEL_REQUIRED:
                prefix = "required "
            elif _int(field, 17):
                prefix = "optional "
            elif not self.proto3:
                prefix = "optional "
            decl = "%s%s %s = %d" % (prefix, self.field_type(field, map_entries), name, number)
        options = []
        if 7 in field:
            default = _str(field, 7)
            kind = _int(field, 5)
            if kind == 9:
                default = _quote(default)
            elif kind == 12:
                default = _quote(default)  # already C-escaped by protoc
            options.append("default = %s" % default)
        json_name = _str(field, 10)
        if json_name and json_name != _default_json_name(name):
            options.append("json_name = %s" % _quote(json_name))
        if 8 in field:
            field_options = parse_fields(field[8][-1])
            if 2 in field_options:
                options.append("packed = %s" % ("true" if field_options[2][-1] else "false"))
            if _int(field_options, 3):
                options.append("deprecated = true")
        if options:
            decl += " [%s]" % ", ".join(options)
        return decl + ";"

    def message(self, depth, raw, scope):
        msg = parse_fields(raw)
        name = _str(msg, 1)
        full = scope + "." + name
        self.emit(depth, "message %s {" % name)
        map_entries = {}
        nested = []  # (raw, map entry full name or None), in descriptor order
        for raw_nested in msg.get(3, []):
            inner = parse_fields(raw_nested)
            options = parse_fields(inner[7][-1]) if 7 in inner else {}
            if _int(options, 7):
                entry_fields = {}
                for raw_field in inner.get(2, []):
                    f = parse_fields(raw_field)
                    entry_fields[_int(f, 3)] = f
                key_t = TYPE_NAMES[_int(entry_fields[1], 5)]
                value_field = entry_fields[2]
                value_t = (_str(value_field, 6) if _int(value_field, 5) in (11, 14)
                           else TYPE_NAMES[_int(value_field, 5)])
                entry_name = full + "." + _str(inner, 1)
                map_entries[entry_name] = (key_t, value_t)
                nested.append((raw_nested, entry_name))
            else:
                nested.append((raw_nested, None))
        oneofs = [_str(parse_fields(o), 1) for o in msg.get(8, [])]
        fields = [parse_fields(f) for f in msg.get(2, [])]
        synthetic = set()  # proto3 `optional` fields sit in a synthetic oneof of their own
        for f in fields:
            if _int(f, 17) and _int(f, 9) is not None:
                synthetic.add(_int(f, 9))
        written_oneofs = set()

        def emit_field(f):
            index = _int(f, 9)
            if index is not None and index not in synthetic:
                # A real oneof is written whole, where its first field is.
                if index in written_oneofs:
                    return
                written_oneofs.add(index)
                self.emit(depth + 1, "oneof %s {" % oneofs[index])
                for g in fields:
                    if _int(g, 9) == index:
                        self.emit(depth + 2, self.field_line(g, map_entries, True))
                self.emit(depth + 1, "}")
            else:
                self.emit(depth + 1, self.field_line(f, map_entries, False))

        # protoc numbers nested types in source order, and a map's entry type takes the place
        # of its field: interleave so that the text compiles to the same nested-type order
        # (message-index paths depend on it).
        i = 0
        for raw_nested, entry_name in nested:
            if entry_name is None:
                self.message(depth + 1, raw_nested, full)
                continue
            while i < len(fields):
                f = fields[i]
                i += 1
                emit_field(f)
                if _str(f, 6) == entry_name and _int(f, 4) == LABEL_REPEATED:
                    break
        for f in fields[i:]:
            emit_field(f)
        for raw_enum in msg.get(4, []):
            self.enum(depth + 1, raw_enum)
        ranges = []
        for raw_range in msg.get(9, []):
            r = parse_fields(raw_range)
            start, end = _int(r, 1, 0), _int(r, 2, 0) - 1
            ranges.append(str(start) if start == end else "%d to %d" % (start, end))
        if ranges:
            self.emit(depth + 1, "reserved %s;" % ", ".join(ranges))
        names = _strs(msg, 10)
        if names:
            self.emit(depth + 1, "reserved %s;" % ", ".join(_quote(n) for n in names))
        self.emit(depth, "}")


def render(descriptor_bytes):
    """.proto text of a serialized FileDescriptorProto."""
    fd = parse_fields(descriptor_bytes)
    syntax = _str(fd, 12) or "proto2"
    r = _Renderer(syntax == "proto3")
    r.emit(0, 'syntax = "%s";' % syntax)
    package = _str(fd, 2)
    if package:
        r.emit(0, "package %s;" % package)
    deps = _strs(fd, 3)
    public = set(fd.get(10, []))
    if deps:
        r.emit(0, "")
        for i, dep in enumerate(deps):
            r.emit(0, "import %s%s;" % ("public " if i in public else "", _quote(dep)))
    if 8 in fd:
        options = parse_fields(fd[8][-1])
        lines = []
        for number, name in ((1, "java_package"), (8, "java_outer_classname"), (11, "go_package"),
                             (37, "csharp_namespace")):
            if number in options:
                lines.append("option %s = %s;" % (name, _quote(_str(options, number))))
        if 10 in options:
            lines.append("option java_multiple_files = %s;" % ("true" if options[10][-1] else "false"))
        if lines:
            r.emit(0, "")
            for line in lines:
                r.emit(0, line)
    scope = "." + package if package else ""
    for raw in fd.get(4, []):
        r.emit(0, "")
        r.message(0, raw, scope)
    for raw in fd.get(5, []):
        r.emit(0, "")
        r.enum(0, raw)
    return "\n".join(r.lines) + "\n"


def render_base64(text):
    return render(base64.b64decode(text, validate=True))


def file_name(descriptor_bytes):
    return _str(parse_fields(descriptor_bytes), 1)


def dependencies(descriptor_bytes):
    return _strs(parse_fields(descriptor_bytes), 3)


if __name__ == "__main__":
    import sys
    sys.stdout.write(render_base64(sys.stdin.read().strip()))
