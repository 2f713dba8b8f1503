//! Page numbers from the query string. Garbage never fails a request: it means page 1.

use serde::{Deserialize, Serialize};

/// Listing pages hold this many items (DESIGN.md §4: lists are paginated).
pub const PAGE_SIZE: u32 = 20;

/// A 1-based page number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageNumber(u32);

impl PageNumber {
    /// Pages past this are refused as nonsense rather than turned into a huge OFFSET.
    pub const MAX: u32 = 100_000;

    pub fn parse(text: Option<&str>) -> Self {
        let n = text.and_then(|t| t.trim().parse::<u32>().ok()).filter(|n| (1..=Self::MAX).contains(n)).unwrap_or(1);
        Self(n)
    }

    pub fn get(self) -> u32 {
        self.0
    }

    pub fn offset(self, page_size: u32) -> u64 {
        u64::from(self.0 - 1) * u64::from(page_size)
    }
}

impl Default for PageNumber {
    fn default() -> Self {
        Self(1)
    }
}

/// How many pages `total` items fill; an empty list still has one (empty) page.
pub fn page_count(total: u64, page_size: u32) -> u32 {
    let pages = total.div_ceil(u64::from(page_size)).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_out_of_range_page_numbers_mean_the_first_page() {
        for bad in [None, Some(""), Some("abc"), Some("0"), Some("-3"), Some("1e9"), Some("999999999")] {
            assert_eq!(PageNumber::parse(bad).get(), 1, "{bad:?}");
        }
        assert_eq!(PageNumber::parse(Some("3")).get(), 3);
    }

    #[test]
    fn the_offset_skips_the_earlier_pages() {
        assert_eq!(PageNumber::parse(Some("1")).offset(20), 0);
        assert_eq!(PageNumber::parse(Some("4")).offset(20), 60);
    }

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(1000, 20), 50);
    }
}
