//! Reference data: codes with Japanese and English labels.

use serde::Serialize;
use utoipa::ToSchema;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CodeLabel {
    pub code: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
}

impl CodeLabel {
    pub fn new(code: &'static str, label: crate::i18n::Label) -> CodeLabel {
        CodeLabel {
            code,
            name_ja: label.ja,
            name_en: label.en,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PrefectureRef {
    /// JIS X 0401 code.
    pub code: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub region: CodeLabel,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CodeList {
    pub items: Vec<CodeLabel>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PrefectureList {
    pub items: Vec<PrefectureRef>,
}
