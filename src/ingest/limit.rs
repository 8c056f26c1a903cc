//! Bounds on what a door reads, so that an endless input (`/dev/zero`, `yes`, a pipe that
//! never closes) is refused with a clear message instead of growing memory or disk without
//! bound: a cap on the bytes of the whole input, and a cap on the bytes of one line (or, for
//! CSV, of one record: line ends inside a quoted cell do not end it).
//!
//! Readers downstream (the CSV reader, the COW reader, the RDF parsers) buffer one line or
//! record at a time; with both caps their memory is bounded whatever the input holds.

use std::io::{self, Read, Write};
use std::path::Path;

/// The default cap on one input of `ingest`, `load` and `import` (a flag changes it).
pub const DEFAULT_MAX_INPUT: u64 = 16 << 30;
/// The default cap on one line (or CSV record) of a table.
pub const DEFAULT_MAX_LINE: u64 = 64 << 20;
/// The cap on one line of an RDF input copied from a pipe (a regular file has none: its size
/// is known before it is read).
pub const SPOOLED_RDF_MAX_LINE: u64 = 256 << 20;

/// Why a limited read stopped; carried inside the `io::Error` so callers can tell it apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LimitError {
    #[error("the input is larger than the cap of {} (more than {limit} bytes); raise it with {flag} if the input is meant to be this large", human(*.limit))]
    Input { limit: u64, flag: &'static str },
    #[error("line {line} is longer than {} (no line end within {limit} bytes){}", human(*.limit), if *.quoted { ": a quoted cell that is never closed?" } else { ": binary data, or a file without line ends?" })]
    Line { line: u64, limit: u64, quoted: bool },
}

impl LimitError {
    /// The limit error inside an I/O error, if that is why it failed.
    pub fn from_io(e: &io::Error) -> Option<&LimitError> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<LimitError>())
    }
}

/// A byte count for people: `64 MiB`, `16 GiB`, `512 bytes`.
pub fn human(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (u, size) in UNITS {
        if n >= size && n % size == 0 {
            return format!("{} {u}", n / size);
        }
    }
    for (u, size) in UNITS {
        if n >= size {
            return format!("{:.1} {u}", n as f64 / size as f64);
        }
    }
    format!("{n} bytes")
}

/// Parses a size given on the command line: `1000`, `64K`, `64KiB`, `10M`, `10MB`, `2G`
/// (K, M and G are powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits_end);
    let n: u64 =
        num.parse().map_err(|_| format!("'{s}' is not a size: expected a number of bytes, optionally with K, M or G (e.g. 64M)"))?;
    let mult: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        other => return Err(format!("'{s}': unknown unit '{other}' (use K, M or G)")),
    };
    let v = n.checked_mul(mult).ok_or_else(|| format!("'{s}' is too large"))?;
    if v == 0 {
        return Err(format!("'{s}': the size must be at least one byte"));
    }
    Ok(v)
}

/// How a [`Limited`] reader tells where a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// No line limit (RDF: a parser's own buffers are bounded by the input cap).
    Unlimited,
    /// Every `\n` ends a line.
    Plain(u64),
    /// CSV: a `\n` inside a quoted cell (`"…"`, with `""` as an escaped quote) does not end
    /// the record.
    Csv(u64),
}

/// A reader that fails with a [`LimitError`] once the input passes its caps.
pub struct Limited<R> {
    inner: R,
    max_total: u64,
    flag: &'static str,
    lines: Lines,
    read: u64,
    line: u64,
    since_eol: u64,
    quoted: bool,
}

impl<R: Read> Limited<R> {
    /// `flag` names the option that raises `max_total`, for the message.
    pub fn new(inner: R, max_total: u64, flag: &'static str, lines: Lines) -> Self {
        Self { inner, max_total, flag, lines, read: 0, line: 1, since_eol: 0, quoted: false }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    fn fail(e: LimitError) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, e)
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read > self.max_total {
            return Err(Self::fail(LimitError::Input { limit: self.max_total, flag: self.flag }));
        }
        // Never hand out more than one byte past the cap: the next call reports it.
        let room = usize::try_from(self.max_total - self.read + 1).unwrap_or(usize::MAX);
        let n = buf.len().min(room);
        let got = self.inner.read(&mut buf[..n])?;
        self.read += got as u64;
        if self.read > self.max_total {
            return Err(Self::fail(LimitError::Input { limit: self.max_total, flag: self.flag }));
        }
        let (limit, csv) = match self.lines {
            Lines::Unlimited => return Ok(got),
            Lines::Plain(l) => (l, false),
            Lines::Csv(l) => (l, true),
        };
        for &b in &buf[..got] {
            if csv && b == b'"' {
                self.quoted = !self.quoted;
            }
            if b == b'\n' {
                if !self.quoted {
                    self.since_eol = 0;
                }
                self.line += 1;
            } else {
                self.since_eol += 1;
                if self.since_eol > limit {
                    return Err(Self::fail(LimitError::Line { line: self.line, limit, quoted: self.quoted }));
                }
            }
        }
        Ok(got)
    }
}

/// Is this path a regular file (one that can be read twice and whose size is known)?
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Copies an input that cannot be read twice (stdin, a pipe, a device) into a temporary file,
/// refusing it at `max_total` bytes or at a line longer than `lines` allows (so that
/// `/dev/zero` is refused after one line's worth, not after filling the disk); the file is
/// deleted when the handle is dropped.
pub fn spool(input: impl Read, name: &str, max_total: u64, flag: &'static str, lines: Lines) -> Result<tempfile::NamedTempFile, String> {
    let mut tmp = tempfile::NamedTempFile::new().map_err(|e| format!("{name}: cannot make a temporary file to read it into: {e}"))?;
    let mut limited = Limited::new(input, max_total, flag, lines);
    {
        let mut w = io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        io::copy(&mut limited, &mut w).map_err(|e| format!("{name}: {e}"))?;
        w.flush().map_err(|e| format!("{name}: cannot write the temporary copy: {e}"))?;
    }
    Ok(tmp)
}

/// Reads a whole input of at most `max` bytes into memory; a larger one is refused, having
/// read no more than `max + 1` bytes.
pub fn read_capped(mut input: impl Read, max: u64, flag: &'static str) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    (&mut input).take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(io::ErrorKind::InvalidData, LimitError::Input { limit: max, flag }));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(mut r: impl Read) -> io::Result<u64> {
        let mut buf = [0u8; 7];
        let mut n = 0;
        loop {
            match r.read(&mut buf)? {
                0 => return Ok(n),
                k => n += k as u64,
            }
        }
    }

    #[test]
    fn an_endless_input_is_refused_at_the_cap_having_read_one_byte_more() {
        let r = Limited::new(io::repeat(b'a'), 1000, "--max-bytes", Lines::Unlimited);
        let e = drain(r).unwrap_err();
        let le = LimitError::from_io(&e).expect("a limit error");
        assert_eq!(le, &LimitError::Input { limit: 1000, flag: "--max-bytes" });
        assert!(e.to_string().contains("--max-bytes"), "{e}");
        // Exactly at the cap is fine.
        assert_eq!(drain(Limited::new(&[b'a'; 1000][..], 1000, "--max-bytes", Lines::Unlimited)).unwrap(), 1000);
    }

    #[test]
    fn a_line_without_end_is_refused_with_its_number() {
        let text = b"ok\nok\nxxxxxxxxxxxxxxxxxxxx\n";
        let e = drain(Limited::new(&text[..], 1 << 20, "--max-bytes", Lines::Plain(10))).unwrap_err();
        assert_eq!(LimitError::from_io(&e), Some(&LimitError::Line { line: 3, limit: 10, quoted: false }));
        assert!(drain(Limited::new(&b"0123456789\n0123456789\n"[..], 1 << 20, "f", Lines::Plain(10))).is_ok());
    }

    #[test]
    fn csv_line_ends_inside_quotes_do_not_end_the_record() {
        // Two records of 9 bytes each with a quoted line end: within a limit of 12 per record…
        let ok = b"a,\"b\nc\",d\na,\"\"\"x\n\",y\n";
        assert!(drain(Limited::new(&ok[..], 1 << 20, "f", Lines::Csv(12))).is_ok());
        // …but a quote never closed runs on across lines until the record cap.
        let open = b"a,\"b\nccccc\ncccccc\ncccc\n";
        let e = drain(Limited::new(&open[..], 1 << 20, "f", Lines::Csv(12))).unwrap_err();
        assert!(matches!(LimitError::from_io(&e), Some(LimitError::Line { quoted: true, .. })), "{e}");
    }

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("64M").unwrap(), 64 << 20);
        assert_eq!(parse_size("64MiB").unwrap(), 64 << 20);
        assert_eq!(parse_size("1000").unwrap(), 1000);
        assert_eq!(parse_size("2g").unwrap(), 2 << 30);
        assert!(parse_size("0").is_err());
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5T").is_err());
        assert_eq!(human(64 << 20), "64 MiB");
        assert_eq!(human(1500), "1.5 KiB");
    }

    #[test]
    fn spooling_keeps_the_bytes_and_refuses_past_the_cap() {
        let tmp = spool(&b"hello\nworld\n"[..], "<stdin>", 100, "--max-bytes", Lines::Plain(8)).unwrap();
        assert_eq!(std::fs::read(tmp.path()).unwrap(), b"hello\nworld\n");
        let e = spool(io::repeat(0), "<stdin>", 4096, "--max-bytes", Lines::Unlimited).unwrap_err();
        assert!(e.contains("<stdin>") && e.contains("4 KiB"), "{e}");
        let e = spool(io::repeat(0), "/dev/zero", 1 << 20, "--max-bytes", Lines::Plain(1000)).unwrap_err();
        assert!(e.contains("/dev/zero: line 1 is longer than"), "{e}");
    }

    #[test]
    fn read_capped_refuses_a_larger_input() {
        assert_eq!(read_capped(&b"abc"[..], 3, "f").unwrap(), b"abc");
        let e = read_capped(io::repeat(0), 3, "--max-doc-bytes").unwrap_err();
        assert!(e.to_string().contains("--max-doc-bytes"), "{e}");
    }
}
