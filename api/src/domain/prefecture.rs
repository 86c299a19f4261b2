//! Prefectures by JIS X 0401 code, and their regions.

use super::prefecture_data::{PREFECTURES, REGIONS};
use crate::i18n::Label;
use serde::{Serialize, Serializer};

/// A known prefecture; holds an index into the table, so it cannot be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefecture(u8);

impl Prefecture {
    /// Accepts `"13"` (and `"１３"` after width folding by the caller).
    pub fn parse(code: &str) -> Option<Prefecture> {
        PREFECTURES
            .iter()
            .position(|p| p.0 == code)
            .map(|i| Prefecture(i as u8))
    }
    pub fn all() -> impl Iterator<Item = Prefecture> {
        (0..PREFECTURES.len() as u8).map(Prefecture)
    }
    pub fn code(self) -> &'static str {
        PREFECTURES[self.0 as usize].0
    }
    pub fn label(self) -> Label {
        let p = PREFECTURES[self.0 as usize];
        Label { ja: p.1, en: p.2 }
    }
    pub fn index(self) -> usize {
        self.0 as usize
    }
    pub fn region(self) -> Region {
        let code = PREFECTURES[self.0 as usize].3;
        Region(REGIONS.iter().position(|r| r.0 == code).unwrap_or(0) as u8)
    }
}

impl Serialize for Prefecture {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region(u8);

impl Region {
    pub fn all() -> impl Iterator<Item = Region> {
        (0..REGIONS.len() as u8).map(Region)
    }
    pub fn code(self) -> &'static str {
        REGIONS[self.0 as usize].0
    }
    pub fn label(self) -> Label {
        let r = REGIONS[self.0 as usize];
        Label { ja: r.1, en: r.2 }
    }
}
