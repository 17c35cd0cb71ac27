//! Source bytes to text. Python reads source as UTF-8 and refuses a file with any other
//! bytes before running a line of it; so does tensh, with Python's message.

/// The source as text, or Python's `SyntaxError` message for the first byte that is not UTF-8.
pub fn decode(bytes: Vec<u8>, file: &str) -> Result<String, String> {
    decode_utf8(bytes, file).map(|s| {
        // A byte-order mark is skipped; CR-only and CRLF line ends read as newlines.
        let s = match s.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => s,
        };
        if s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s
        }
    })
}

fn decode_utf8(bytes: Vec<u8>, file: &str) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, \
             but no encoding declared; see https://peps.python.org/pep-0263/ for details",
            bytes[at], file, line
        )
    })
}
