//! The training materials the notice recommends (別添1 (7)【活用可能な教材例】).

use serde::Serialize;
use utoipa::ToSchema;

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MaterialKind {
    Document,
    Video,
}

/// One recommended material.
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
pub struct Material {
    pub code: &'static str,
    pub title_ja: &'static str,
    pub publisher_ja: &'static str,
    pub kind: MaterialKind,
    /// `all`, or the occupation it is meant for.
    pub audience: &'static str,
    pub url: &'static str,
    pub note_ja: &'static str,
}

const fn m(
    code: &'static str,
    publisher_ja: &'static str,
    title_ja: &'static str,
    kind: MaterialKind,
    audience: &'static str,
    url: &'static str,
    note_ja: &'static str,
) -> Material {
    Material {
        code,
        title_ja,
        publisher_ja,
        kind,
        audience,
        url,
        note_ja,
    }
}

pub const MATERIALS: &[Material] = &[
    m(
        "jsipc_covid_guide_3",
        "日本環境感染学会",
        "医療機関における新型コロナウイルス感染症への対応ガイド 第3版",
        MaterialKind::Document,
        "all",
        "http://www.kankyokansen.org/uploads/uploads/files/jsipc/COVID-19_taioguide3.pdf",
        "全18頁",
    ),
    m(
        "jna_safety_text",
        "日本看護協会",
        "医療安全推進のための標準テキスト",
        MaterialKind::Document,
        "all",
        "https://www.nurse.or.jp/nursing/practice/anzen/pdf/text.pdf",
        "全90頁",
    ),
    m(
        "jna_infection_basics",
        "日本看護協会",
        "感染予防の基本",
        MaterialKind::Document,
        "all",
        "https://www.nurse.or.jp/nursing/practice/covid_19/document/pdf/kihon.pdf",
        "全76頁",
    ),
    m(
        "jart_guidelines",
        "日本診療放射線技師会",
        "各種ガイドライン（医療被ばく、感染症対策、検査説明等）",
        MaterialKind::Document,
        "radiological_technologist",
        "http://www.jart.jp/activity/copy_of_other.html",
        "",
    ),
    m(
        "jaces_guidelines",
        "日本臨床工学技士会",
        "医療機器管理に関するガイドラインや報告書等",
        MaterialKind::Document,
        "clinical_engineer",
        "https://www.ja-ces.or.jp/for-ce-medical-staff/publication/",
        "",
    ),
    m(
        "jma_elearning",
        "日本医師会",
        "日医 e-ラーニング（クリニックにおける感染対策の実際、医療安全、医療の質と安全）",
        MaterialKind::Video,
        "all",
        "https://med.or.jp/cme/elearning.html",
        "日本医師会員のみ",
    ),
    m(
        "jma_gown",
        "日本医師会・日本環境感染学会",
        "感染防護具 ガウン着脱手順",
        MaterialKind::Video,
        "all",
        "https://www.med.or.jp/doctor/kansen/novel_corona/009082.html",
        "約4分",
    ),
    m(
        "jma_tyvek",
        "日本医師会・日本環境感染学会",
        "感染防護具 タイベック着脱手順",
        MaterialKind::Video,
        "all",
        "https://www.med.or.jp/doctor/kansen/novel_corona/009082.html",
        "約6分",
    ),
    m(
        "jna_covid_videos",
        "日本看護協会",
        "新型コロナウイルス感染予防および対策に関する資料",
        MaterialKind::Video,
        "all",
        "https://www.nurse.or.jp/nursing/practice/covid_19/document/index.html",
        "動画5本（各4〜10分）",
    ),
    m(
        "mhlw_channel",
        "厚生労働省 MHLW channel",
        "訪問介護職員のためのそうだったのか！感染対策！①〜③",
        MaterialKind::Video,
        "all",
        "https://www.youtube.com/playlist?list=PLMG33RKISnWj_HIGPFEBeiyWloHZGHxCc",
        "各8〜10分",
    ),
    m(
        "jamt_swab",
        "日本臨床衛生検査技師会",
        "新型コロナウイルス感染症対応：検体採取",
        MaterialKind::Video,
        "clinical_laboratory_technologist",
        "http://www.jamt.or.jp/covid-19/2020/05/covid-19pcr.html",
        "約5分",
    ),
    m(
        "jamt_pcr",
        "日本臨床衛生検査技師会",
        "PCR検査、遺伝子の基礎",
        MaterialKind::Video,
        "clinical_laboratory_technologist",
        "http://www.jamt.or.jp/covid-19/2020/05/pcr1-1.html",
        "各25〜27分",
    ),
    m(
        "jamt_lamp",
        "日本臨床衛生検査技師会",
        "遺伝子ランプ法",
        MaterialKind::Video,
        "clinical_laboratory_technologist",
        "http://www.jamt.or.jp/covid-19/2020/05/covid-19pcr-lamp-.html",
        "約10分",
    ),
    m(
        "jamt_elearning",
        "日本臨床衛生検査技師会",
        "e-ラーニング（臨床検査技師として必要な基礎的スキル、専門項目等）",
        MaterialKind::Video,
        "clinical_laboratory_technologist",
        "http://www.jamt.or.jp/learning/e-learning/",
        "有料",
    ),
];

pub fn find(code: &str) -> Option<&'static Material> {
    MATERIALS.iter().find(|m| m.code == code)
}

/// The code of one of [`MATERIALS`], as a request names it.
pub struct TrainingMaterialCode;

impl utoipa::PartialSchema for TrainingMaterialCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(MATERIALS.iter().map(|m| m.code)))
            .description(Some(
                "A code from `GET /api/v1/reference/training-materials`.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for TrainingMaterialCode {}
