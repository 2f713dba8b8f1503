//! Rules for what people type: the same functions run in the browser (when an island
//! wants them) and on the server, which is the authority. Each problem is a code that
//! the i18n layer turns into a sentence (`Locale::problem`).

use crate::domain::identifiers;

/// Passwords shorter than this are refused (NIST SP 800-63B asks for at least 8; a
/// public body's staff accounts deserve more).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer input is refused before hashing, so nobody can make us hash a megabyte.
pub const MAX_PASSWORD_CHARS: usize = 128;
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_ORGANISATION_NAME_CHARS: usize = 200;

static COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// A lower-cased, trimmed email address if it looks deliverable (one `@`, a dot in the
/// domain, no spaces); the mail server has the last word.
pub fn normalise_email(input: &str) -> Result<String, &'static str> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err("email_required");
    }
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err("email_invalid");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err("email_invalid");
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok =
        !local.is_empty() && !local.contains('@') && !local.chars().any(|c| c.is_whitespace() || c.is_control());
    if domain_ok && local_ok {
        Ok(email)
    } else {
        Err("email_invalid")
    }
}

/// The name shown next to what a person writes: trimmed, 2 to 80 characters, no
/// control characters. Markup is allowed as text: it is always escaped when shown.
pub fn display_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    let chars = name.chars().count();
    if chars == 0 {
        return Err("name_required");
    }
    if !(2..=MAX_NAME_CHARS).contains(&chars) || name.chars().any(char::is_control) {
        return Err("name_invalid");
    }
    Ok(name.to_owned())
}

/// A new password: long enough, not absurdly long, not on the list of common
/// passwords, not the email address.
pub fn new_password(password: &str, email: Option<&str>) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err("password_required");
    }
    if chars < MIN_PASSWORD_CHARS {
        return Err("password_too_short");
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err("password_too_long");
    }
    let lower = password.to_lowercase();
    let first = lower.chars().next().unwrap_or_default();
    if lower.chars().all(|c| c == first) || is_common(&lower) {
        return Err("password_common");
    }
    if email.is_some_and(|e| {
        let e = e.to_lowercase();
        lower == e || e.split('@').next().is_some_and(|local| local.len() >= 4 && lower.contains(local))
    }) {
        return Err("password_like_email");
    }
    Ok(())
}

fn is_common(lower: &str) -> bool {
    COMMON_PASSWORDS.lines().filter(|l| !l.starts_with('#')).any(|l| l == lower)
}

/// An NGO's KRS number (10 digits; leading zeros may be omitted when typed).
pub fn krs(input: &str) -> Result<String, &'static str> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err("krs_required");
    }
    let padded =
        if digits.len() < 10 && digits.chars().all(|c| c.is_ascii_digit()) { format!("{digits:0>10}") } else { digits };
    if identifiers::is_krs(&padded) {
        Ok(padded)
    } else {
        Err("krs_invalid")
    }
}

/// An optional REGON (9 or 14 digits with a valid checksum).
pub fn optional_regon(input: &str) -> Result<Option<String>, &'static str> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if identifiers::is_regon(&digits) {
        Ok(Some(digits))
    } else {
        Err("regon_invalid")
    }
}

/// An optional NIP (10 digits with a valid checksum; dashes allowed).
pub fn optional_nip(input: &str) -> Result<Option<String>, &'static str> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if identifiers::is_nip(&digits) {
        Ok(Some(digits))
    } else {
        Err("nip_invalid")
    }
}

pub fn organisation_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    let chars = name.chars().count();
    if chars == 0 {
        return Err("name_required");
    }
    if !(2..=MAX_ORGANISATION_NAME_CHARS).contains(&chars) || name.chars().any(char::is_control) {
        return Err("name_invalid");
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(normalise_email("  Anna.Nowak@Example.PL "), Ok("anna.nowak@example.pl".to_owned()));
        assert_eq!(normalise_email(""), Err("email_required"));
        for bad in ["anna", "anna@", "@example.pl", "anna@example", "an na@example.pl", "a@b@example.pl", "a@.pl"] {
            assert_eq!(normalise_email(bad), Err("email_invalid"), "{bad}");
        }
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(display_name("  Anna Nowak "), Ok("Anna Nowak".to_owned()));
        assert_eq!(display_name("   "), Err("name_required"));
        assert_eq!(display_name("A"), Err("name_invalid"));
        assert_eq!(display_name(&"x".repeat(81)), Err("name_invalid"));
        assert_eq!(display_name("Anna\u{7}"), Err("name_invalid"));
        // Markup is not refused: it is text, and every page escapes it.
        assert!(display_name("<img src=x onerror=alert(1)>").is_ok());
    }

    #[test]
    fn passwords_must_be_long_uncommon_and_not_the_email() {
        assert_eq!(new_password("", None), Err("password_required"));
        assert_eq!(new_password("short pass1", None), Err("password_too_short"));
        assert_eq!(new_password(&"ab".repeat(65), None), Err("password_too_long"));
        assert_eq!(new_password("aaaaaaaaaaaaaaa", None), Err("password_common"));
        assert_eq!(new_password("Password1234", None), Err("password_common"));
        assert_eq!(new_password("Krakow123456", None), Err("password_common"));
        assert_eq!(new_password("zaq12wsxcde3", None), Err("password_common"));
        assert_eq!(new_password("anna.nowak-rules", Some("anna.nowak@example.pl")), Err("password_like_email"));
        assert_eq!(new_password("zielony tramwaj nad wisłą", Some("anna@example.pl")), Ok(()));
        // Twelve characters count as characters, not bytes.
        assert_eq!(new_password("żółć gęślą j", None), Ok(()));
    }

    #[test]
    fn the_common_password_list_is_lower_case_and_long_enough() {
        let entries: Vec<&str> = COMMON_PASSWORDS.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(entries.len() > 500);
        for entry in entries {
            assert_eq!(entry, entry.to_lowercase());
            assert!(entry.chars().count() >= MIN_PASSWORD_CHARS, "{entry}");
        }
    }

    #[test]
    fn organisation_numbers_are_checked() {
        assert_eq!(krs("0000012345"), Ok("0000012345".to_owned()));
        assert_eq!(krs(""), Err("krs_required"));
        assert_eq!(krs("12345"), Ok("0000012345".to_owned()));
        assert_eq!(krs("12ab"), Err("krs_invalid"));
        assert_eq!(krs("12345678901"), Err("krs_invalid"));
        assert_eq!(optional_nip(""), Ok(None));
        assert_eq!(optional_nip("526-025-02-74"), Ok(Some("5260250274".to_owned())));
        assert_eq!(optional_nip("5260250275"), Err("nip_invalid"));
        assert_eq!(optional_regon(""), Ok(None));
        assert_eq!(optional_regon("123456785"), Ok(Some("123456785".to_owned())));
        assert_eq!(optional_regon("123456789"), Err("regon_invalid"));
    }
}
