/// A span of pre-rendered JSON bytes in a compiled schema's text pool (a quoted field key with
/// its colon, or a quoted enum symbol or value name), so decoding copies names instead of escaping them.
struct TextSpan: Sendable {
    var start: Int32
    var length: Int32
}
