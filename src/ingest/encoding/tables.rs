//! Byte tables of the single-byte Vietnamese encodings, read off `iconv` (TCVN3, VISCII) and
//! GNU `recode` (VPS); `tests/fixtures/encodings/make.sh` re-encodes every Vietnamese letter
//! with those tools and the tests check these tables against it. Bytes below 0x80 not listed
//! are ASCII; a byte the tool leaves unmapped keeps its Latin-1 character.

/// TCVN3: the characters of bytes 0x80-0xFF.
pub const TCVN3_HIGH: [char; 128] = [
    '\u{00C0}', '\u{1EA2}', '\u{00C3}', '\u{00C1}', '\u{1EA0}', '\u{1EB6}', '\u{1EAC}', '\u{00C8}',
    '\u{1EBA}', '\u{1EBC}', '\u{00C9}', '\u{1EB8}', '\u{1EC6}', '\u{00CC}', '\u{1EC8}', '\u{0128}',
    '\u{00CD}', '\u{1ECA}', '\u{00D2}', '\u{1ECE}', '\u{00D5}', '\u{00D3}', '\u{1ECC}', '\u{1ED8}',
    '\u{1EDC}', '\u{1EDE}', '\u{1EE0}', '\u{1EDA}', '\u{1EE2}', '\u{00D9}', '\u{1EE6}', '\u{0168}',
    '\u{00A0}', '\u{0102}', '\u{00C2}', '\u{00CA}', '\u{00D4}', '\u{01A0}', '\u{01AF}', '\u{0110}',
    '\u{0103}', '\u{00E2}', '\u{00EA}', '\u{00F4}', '\u{01A1}', '\u{01B0}', '\u{0111}', '\u{1EB0}',
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00E0}', '\u{1EA3}', '\u{00E3}',
    '\u{00E1}', '\u{1EA1}', '\u{1EB2}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EAF}', '\u{1EB4}',
    '\u{1EAE}', '\u{1EA6}', '\u{1EA8}', '\u{1EAA}', '\u{1EA4}', '\u{1EC0}', '\u{1EB7}', '\u{1EA7}',
    '\u{1EA9}', '\u{1EAB}', '\u{1EA5}', '\u{1EAD}', '\u{00E8}', '\u{1EC2}', '\u{1EBB}', '\u{1EBD}',
    '\u{00E9}', '\u{1EB9}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}', '\u{00EC}',
    '\u{1EC9}', '\u{1EC4}', '\u{1EBE}', '\u{1ED2}', '\u{0129}', '\u{00ED}', '\u{1ECB}', '\u{00F2}',
    '\u{1ED4}', '\u{1ECF}', '\u{00F5}', '\u{00F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}', '\u{1ED7}',
    '\u{1ED1}', '\u{1ED9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}', '\u{00F9}',
    '\u{1ED6}', '\u{1EE7}', '\u{0169}', '\u{00FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}', '\u{1EEF}',
    '\u{1EE9}', '\u{1EF1}', '\u{1EF3}', '\u{1EF7}', '\u{1EF9}', '\u{00FD}', '\u{1EF5}', '\u{1ED0}',
];
/// TCVN3: the control bytes that hold capital letters.
pub const TCVN3_LOW: &[(u8, char)] = &[
    (0x01, '\u{00DA}'),
    (0x02, '\u{1EE4}'),
    (0x04, '\u{1EEA}'),
    (0x05, '\u{1EEC}'),
    (0x06, '\u{1EEE}'),
    (0x11, '\u{1EE8}'),
    (0x12, '\u{1EF0}'),
    (0x13, '\u{1EF2}'),
    (0x14, '\u{1EF6}'),
    (0x15, '\u{1EF8}'),
    (0x16, '\u{00DD}'),
    (0x17, '\u{1EF4}'),
];
/// VISCII: the characters of bytes 0x80-0xFF.
pub const VISCII_HIGH: [char; 128] = [
    '\u{1EA0}', '\u{1EAE}', '\u{1EB0}', '\u{1EB6}', '\u{1EA4}', '\u{1EA6}', '\u{1EA8}', '\u{1EAC}',
    '\u{1EBC}', '\u{1EB8}', '\u{1EBE}', '\u{1EC0}', '\u{1EC2}', '\u{1EC4}', '\u{1EC6}', '\u{1ED0}',
    '\u{1ED2}', '\u{1ED4}', '\u{1ED6}', '\u{1ED8}', '\u{1EE2}', '\u{1EDA}', '\u{1EDC}', '\u{1EDE}',
    '\u{1ECA}', '\u{1ECE}', '\u{1ECC}', '\u{1EC8}', '\u{1EE6}', '\u{0168}', '\u{1EE4}', '\u{1EF2}',
    '\u{00D5}', '\u{1EAF}', '\u{1EB1}', '\u{1EB7}', '\u{1EA5}', '\u{1EA7}', '\u{1EA9}', '\u{1EAD}',
    '\u{1EBD}', '\u{1EB9}', '\u{1EBF}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EC7}', '\u{1ED1}',
    '\u{1ED3}', '\u{1ED5}', '\u{1ED7}', '\u{1EE0}', '\u{01A0}', '\u{1ED9}', '\u{1EDD}', '\u{1EDF}',
    '\u{1ECB}', '\u{1EF0}', '\u{1EE8}', '\u{1EEA}', '\u{1EEC}', '\u{01A1}', '\u{1EDB}', '\u{01AF}',
    '\u{00C0}', '\u{00C1}', '\u{00C2}', '\u{00C3}', '\u{1EA2}', '\u{0102}', '\u{1EB3}', '\u{1EB5}',
    '\u{00C8}', '\u{00C9}', '\u{00CA}', '\u{1EBA}', '\u{00CC}', '\u{00CD}', '\u{0128}', '\u{1EF3}',
    '\u{0110}', '\u{1EE9}', '\u{00D2}', '\u{00D3}', '\u{00D4}', '\u{1EA1}', '\u{1EF7}', '\u{1EEB}',
    '\u{1EED}', '\u{00D9}', '\u{00DA}', '\u{1EF9}', '\u{1EF5}', '\u{00DD}', '\u{1EE1}', '\u{01B0}',
    '\u{00E0}', '\u{00E1}', '\u{00E2}', '\u{00E3}', '\u{1EA3}', '\u{0103}', '\u{1EEF}', '\u{1EAB}',
    '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{1EBB}', '\u{00EC}', '\u{00ED}', '\u{0129}', '\u{1EC9}',
    '\u{0111}', '\u{1EF1}', '\u{00F2}', '\u{00F3}', '\u{00F4}', '\u{00F5}', '\u{1ECF}', '\u{1ECD}',
    '\u{1EE5}', '\u{00F9}', '\u{00FA}', '\u{0169}', '\u{1EE7}', '\u{00FD}', '\u{1EE3}', '\u{1EEE}',
];
/// VISCII: the control bytes that hold capital letters.
pub const VISCII_LOW: &[(u8, char)] = &[
    (0x02, '\u{1EB2}'),
    (0x05, '\u{1EB4}'),
    (0x06, '\u{1EAA}'),
    (0x14, '\u{1EF6}'),
    (0x19, '\u{1EF8}'),
    (0x1E, '\u{1EF4}'),
];
/// VPS: the characters of bytes 0x80-0xFF.
pub const VPS_HIGH: [char; 128] = [
    '\u{00C0}', '\u{1EA2}', '\u{00C3}', '\u{1EA4}', '\u{1EA6}', '\u{1EA8}', '\u{1ECD}', '\u{1ED7}',
    '\u{0102}', '\u{1EBF}', '\u{1EC1}', '\u{1EC3}', '\u{1EC7}', '\u{1EAE}', '\u{1EB0}', '\u{1EB2}',
    '\u{1EBE}', '\u{0091}', '\u{0092}', '\u{1EC0}', '\u{1EC2}', '\u{1EC4}', '\u{1ED0}', '\u{1ED2}',
    '\u{1ED4}', '\u{0099}', '\u{00FD}', '\u{1EF7}', '\u{1EF5}', '\u{1EDA}', '\u{1EDC}', '\u{1EDE}',
    '\u{00A0}', '\u{1EAF}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EB7}', '\u{1EE0}', '\u{1EDB}',
    '\u{00D9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{0168}', '\u{1EE8}', '\u{1EE3}', '\u{1EEA}',
    '\u{1ED5}', '\u{1EEC}', '\u{1EF2}', '\u{1EF8}', '\u{00CD}', '\u{00CC}', '\u{1ED9}', '\u{1EC8}',
    '\u{0128}', '\u{00D3}', '\u{1EED}', '\u{1EEF}', '\u{00D2}', '\u{1ECE}', '\u{00D5}', '\u{1EF1}',
    '\u{1EA7}', '\u{00C1}', '\u{00C2}', '\u{1EA5}', '\u{1EA9}', '\u{1EAB}', '\u{1EAD}', '\u{0111}',
    '\u{1EBB}', '\u{00C9}', '\u{00CA}', '\u{1EB9}', '\u{1EC9}', '\u{1EC5}', '\u{1ECB}', '\u{1EF9}',
    '\u{01AF}', '\u{1EE6}', '\u{1ED3}', '\u{1ED1}', '\u{00D4}', '\u{1ECF}', '\u{01A1}', '\u{00C8}',
    '\u{1EEB}', '\u{1EE9}', '\u{00DA}', '\u{0169}', '\u{01B0}', '\u{00DD}', '\u{1EBA}', '\u{00DF}',
    '\u{00E0}', '\u{00E1}', '\u{00E2}', '\u{00E3}', '\u{1EA3}', '\u{1EA1}', '\u{0103}', '\u{00E7}',
    '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{1EBD}', '\u{00EC}', '\u{00ED}', '\u{00EE}', '\u{0129}',
    '\u{1EB4}', '\u{0110}', '\u{00F2}', '\u{00F3}', '\u{00F4}', '\u{00F5}', '\u{00F6}', '\u{01A0}',
    '\u{1EE5}', '\u{00F9}', '\u{00FA}', '\u{1EE7}', '\u{00FC}', '\u{1EF6}', '\u{1EBC}', '\u{1EF3}',
];
/// VPS: the control bytes that hold capital letters.
pub const VPS_LOW: &[(u8, char)] = &[
    (0x02, '\u{1EA0}'),
    (0x03, '\u{1EAC}'),
    (0x04, '\u{1EB6}'),
    (0x05, '\u{1EB8}'),
    (0x06, '\u{1EC6}'),
    (0x10, '\u{1ECA}'),
    (0x11, '\u{1ECC}'),
    (0x12, '\u{1ED8}'),
    (0x13, '\u{1EE2}'),
    (0x14, '\u{1EE4}'),
    (0x15, '\u{1EF0}'),
    (0x19, '\u{1EF4}'),
    (0x1C, '\u{1EAA}'),
    (0x1D, '\u{1EEE}'),
];
