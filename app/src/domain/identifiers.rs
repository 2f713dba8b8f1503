//! Polish identifiers the platform validates (see the domain rules): PESEL for residents,
//! KRS, REGON and NIP for organisations. Checks only: whether a number is *registered*
//! is a question for the state registers, not for us.

use serde::{Deserialize, Serialize};

fn digits<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.trim().as_bytes();
    if bytes.len() != N || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut out = [0u8; N];
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b - b'0';
    }
    Some(out)
}

fn weighted(digits: &[u8], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    Female,
    Male,
}

/// A PESEL number that passed its checksum and encodes a real date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pesel {
    digits: [u8; 11],
}

impl Pesel {
    /// 11 digits, the last a checksum over weights 1,3,7,9,1,3,7,9,1,3, and a valid
    /// date of birth (the month carries the century: +80 for the 1800s, +20 for the
    /// 2000s, +40 for the 2100s, +60 for the 2200s).
    pub fn parse(text: &str) -> Option<Self> {
        let d = digits::<11>(text)?;
        let sum = weighted(&d[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
        if (10 - sum % 10) % 10 != u32::from(d[10]) {
            return None;
        }
        let pesel = Self { digits: d };
        pesel.birth_date()?;
        Some(pesel)
    }

    /// The date of birth it encodes.
    pub fn birth_date(&self) -> Option<time::Date> {
        let d = &self.digits;
        let yy = i32::from(d[0] * 10 + d[1]);
        let mm = d[2] * 10 + d[3];
        let (century, month) = match mm {
            81..=92 => (1800, mm - 80),
            1..=12 => (1900, mm),
            21..=32 => (2000, mm - 20),
            41..=52 => (2100, mm - 40),
            61..=72 => (2200, mm - 60),
            _ => return None,
        };
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(century + yy, month, d[4] * 10 + d[5]).ok()
    }

    pub fn sex(&self) -> Sex {
        if self.digits[9] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }
}

/// A KRS number (National Court Register): 10 digits, no checksum.
pub fn is_krs(text: &str) -> bool {
    digits::<10>(text).is_some()
}

/// A REGON: 9 digits (weights 8,9,2,3,4,5,6,7) or 14 digits (weights
/// 2,4,8,5,0,9,7,3,6,1,2,4,8, and its first 9 digits a valid REGON too); the check digit
/// is the sum modulo 11, with 10 read as 0.
pub fn is_regon(text: &str) -> bool {
    fn check(d: &[u8], weights: &[u32]) -> bool {
        let c = weighted(d, weights) % 11 % 10;
        c == u32::from(d[weights.len()])
    }
    const W9: [u32; 8] = [8, 9, 2, 3, 4, 5, 6, 7];
    const W14: [u32; 13] = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8];
    if let Some(d) = digits::<9>(text) {
        return check(&d, &W9);
    }
    digits::<14>(text).is_some_and(|d| check(&d[..9], &W9) && check(&d, &W14))
}

/// A NIP (tax number): 10 digits, weights 6,5,7,2,3,4,5,6,7; the sum modulo 11 is the
/// last digit, and a sum giving 10 is never issued.
pub fn is_nip(text: &str) -> bool {
    let Some(d) = digits::<10>(&text.replace('-', "")) else {
        return false;
    };
    let c = weighted(&d, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    c != 10 && c == u32::from(d[9])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_pesel_gives_its_date_of_birth_and_sex() {
        let p = Pesel::parse("44051401359").unwrap();
        assert_eq!(p.birth_date().unwrap().to_string(), "1944-05-14");
        assert_eq!(p.sex(), Sex::Male);
    }

    #[test]
    fn the_month_carries_the_century() {
        // 2005-03-01 is written with month 23.
        let mut base: Vec<u8> = "0523010122".bytes().map(|b| b - b'0').collect();
        let sum = weighted(&base, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
        base.push(u8::try_from((10 - sum % 10) % 10).unwrap());
        let text: String = base.iter().map(|d| char::from(b'0' + d)).collect();
        let p = Pesel::parse(&text).unwrap();
        assert_eq!(p.birth_date().unwrap().to_string(), "2005-03-01");
        assert_eq!(p.sex(), Sex::Female);
    }

    #[test]
    fn a_pesel_with_a_wrong_checksum_or_date_is_refused() {
        assert!(Pesel::parse("44051401358").is_none(), "checksum");
        assert!(Pesel::parse("4405140135").is_none(), "length");
        assert!(Pesel::parse("4405140135a").is_none(), "letters");
        // Month 13 does not exist in any century: checksum right, date wrong.
        let mut base: Vec<u8> = "4413140135".bytes().map(|b| b - b'0').collect();
        let sum = weighted(&base, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
        base.push(u8::try_from((10 - sum % 10) % 10).unwrap());
        let text: String = base.iter().map(|d| char::from(b'0' + d)).collect();
        assert!(Pesel::parse(&text).is_none(), "{text}");
    }

    #[test]
    fn krs_is_ten_digits() {
        assert!(is_krs("0000123456"));
        assert!(!is_krs("123456"));
        assert!(!is_krs("00001234x6"));
    }

    #[test]
    fn regon_checks_nine_and_fourteen_digit_numbers() {
        assert!(is_regon("123456785"));
        assert!(!is_regon("123456786"));
        assert!(is_regon("12345678512347"));
        assert!(!is_regon("12345678512348"));
        assert!(!is_regon("12345678612347"), "the 9-digit head must be valid too");
    }

    #[test]
    fn nip_checks_its_last_digit_and_allows_dashes() {
        assert!(is_nip("5260250274"));
        assert!(is_nip("526-025-02-74"));
        assert!(!is_nip("5260250275"));
        assert!(!is_nip("1234567890"));
    }
}
