//! The stable codes of SPEC 2, with Japanese and English labels.

use crate::i18n::Label;

macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal, $ja:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $variant,)* }

        // Written by hand: the derive does not see `rename` through the macro.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),*]))
                    .description(Some(concat!($($code, ": ", $ja, " / ", $en, "; "),*)))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
            pub fn label(self) -> Label {
                match self { $($name::$variant => Label { ja: $ja, en: $en },)* }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    /// 募集職種: exactly one per posting.
    Occupation {
        Doctor = "doctor", "医師", "Doctor";
        PublicHealthNurse = "public_health_nurse", "保健師", "Public health nurse";
        Midwife = "midwife", "助産師", "Midwife";
        Nurse = "nurse", "看護師", "Nurse";
        AssistantNurse = "assistant_nurse", "准看護師", "Assistant nurse";
        RadiologicalTechnologist = "radiological_technologist", "診療放射線技師", "Radiological technologist";
        ClinicalLaboratoryTechnologist = "clinical_laboratory_technologist", "臨床検査技師", "Clinical laboratory technologist";
        ClinicalEngineer = "clinical_engineer", "臨床工学技士", "Clinical engineer";
        Pharmacist = "pharmacist", "薬剤師", "Pharmacist";
        Paramedic = "paramedic", "救急救命士", "Paramedic";
        Clerical = "clerical", "事務職", "Clerical staff";
    }
}

codes! {
    /// What an audit entry records.
    AuditAction {
        PostingDisclosed = "posting_disclosed", "非公開の募集を求職者に開示", "Withheld posting disclosed to a jobseeker";
        JobseekerViewed = "jobseeker_viewed", "求職者のプロフィールを閲覧", "Jobseeker profile viewed";
        PartnerRead = "partner_read", "連携先が募集情報（全項目）を取得", "Full postings read by a partner";
        PostingEntered = "posting_entered", "管理者が募集を代理登録", "Admin entered a posting";
        PostingEdited = "posting_edited", "管理者が募集を編集", "Admin edited a posting";
        PostingClosed = "posting_closed", "管理者が募集を停止・終了", "Admin suspended or closed a posting";
        FacilityCorrected = "facility_corrected", "管理者が施設情報を訂正", "Admin corrected a facility";
        AccountIssued = "account_issued", "管理者がアカウントを発行・リンクを再送", "Admin issued an account or resent its link";
        OrganisationChanged = "organisation_changed", "管理者が連携先を登録・範囲を変更", "Admin created an organisation or changed its scope";
        CredentialsChanged = "credentials_changed", "APIキー・Webhookの発行・停止", "API key or webhook issued or stopped";
        DeskChanged = "desk_changed", "管理者が相談窓口を変更", "Admin changed a desk";
    }
}

codes! {
    /// How a shortage dashboard groups days.
    StatsPeriod {
        Day = "day", "日別", "Daily";
        Week = "week", "週別（月曜から）", "Weekly (from Monday)";
        Month = "month", "月別", "Monthly";
    }
}

codes! {
    /// Where a facility stands in the admins' directory.
    FacilityStanding {
        Active = "active", "利用中", "Active";
        Resting = "resting", "休止中", "Resting";
        PendingActivation = "pending_activation", "初回ログイン待ち", "Waiting for first sign-in";
    }
}

codes! {
    /// 施設類型.
    FacilityType {
        Hospital = "hospital", "病院", "Hospital";
        Clinic = "clinic", "診療所", "Clinic";
        HealthCenter = "health_center", "保健所", "Public health centre";
    }
}

codes! {
    /// 業務内容.
    Duty {
        GeneralOutpatient = "general_outpatient", "一般内科外来業務", "General internal-medicine outpatient";
        ReturneeContactOutpatient = "returnee_contact_outpatient", "帰国者・接触者外来業務", "Returnee/contact outpatient";
        HealthCenter = "health_center", "保健所業務", "Public health centre work";
        MildCaseAccommodation = "mild_case_accommodation", "軽症者宿泊療養施設業務", "Accommodation facility for mild cases";
        Other = "other", "その他", "Other";
    }
}

codes! {
    /// 給与の単位.
    WageUnit {
        Daily = "daily", "日給", "Daily";
        Monthly = "monthly", "月給", "Monthly";
        Hourly = "hourly", "時給", "Hourly";
    }
}

codes! {
    /// 加入保険.
    Insurance {
        Employment = "employment", "雇用保険", "Employment insurance";
        WorkersCompensation = "workers_compensation", "労災保険", "Workers' compensation insurance";
        Health = "health", "健康保険", "Health insurance";
        Pension = "pension", "厚生年金", "Employees' pension";
        Other = "other", "他の保険", "Other insurance";
    }
}

codes! {
    /// 求人登録済みの機関.
    OtherListing {
        HelloWork = "hello_work", "ハローワーク", "Hello Work";
        WomenDoctorBank = "women_doctor_bank", "女性医師バンク", "Women-doctor bank";
        NurseCenter = "nurse_center", "ナースセンター", "Nurse centre";
        Other = "other", "他の機関", "Other";
    }
}

codes! {
    /// Why a posting closed.
    CloseReason {
        Filled = "filled", "充足", "Filled";
        Withdrawn = "withdrawn", "取りやめ", "Withdrawn";
        Expired = "expired", "期間満了", "Expired";
        Suspended = "suspended", "停止", "Suspended";
    }
}

codes! {
    /// The reasons a caller may close a posting with; `suspended` is for admins (403 otherwise).
    CloseRequestReason {
        Filled = "filled", "充足", "Filled";
        Withdrawn = "withdrawn", "取りやめ", "Withdrawn";
        Suspended = "suspended", "停止", "Suspended";
    }
}

codes! {
    /// The stages a facility may move a thread to by hand.
    StageChange {
        Screening = "screening", "書類選考中", "Screening";
        Interview = "interview", "面接", "Interview";
    }
}

codes! {
    /// A facility's inbox filter: `new` (no answer yet), `awaiting_reply` (the jobseeker wrote
    /// last), `in_progress` (the facility wrote last), `decided`.
    ThreadBox {
        New = "new", "未対応", "New";
        AwaitingReply = "awaiting_reply", "返信待ち", "Awaiting reply";
        InProgress = "in_progress", "対応中", "In progress";
        Decided = "decided", "結果通知済み", "Decided";
    }
}

codes! {
    /// Whether a posting takes applications.
    PostingStatus {
        Open = "open", "募集中", "Open";
        Closed = "closed", "募集終了", "Closed";
    }
}

codes! {
    /// Account roles (SPEC 1).
    Role {
        Jobseeker = "jobseeker", "求職者", "Jobseeker";
        Facility = "facility", "医療機関等", "Facility";
        Partner = "partner", "関係機関", "Partner";
        Admin = "admin", "管理者", "Administrator";
    }
}

impl WageUnit {
    /// The highest plausible gross amount for the unit, in yen.
    pub fn max_amount_yen(self) -> i64 {
        match self {
            WageUnit::Hourly => 100_000,
            WageUnit::Daily => 1_000_000,
            WageUnit::Monthly => 10_000_000,
        }
    }
}

codes! {
    /// What a thread started as: an inquiry (問い合わせ) or an application (応募).
    ThreadKind {
        Inquiry = "inquiry", "問い合わせ", "Inquiry";
        Application = "application", "応募", "Application";
    }
}

codes! {
    /// Where a thread stands.
    Stage {
        Inquiry = "inquiry", "問い合わせ中", "Inquiry";
        Applied = "applied", "応募受付", "Applied";
        Screening = "screening", "書類選考中", "Screening";
        Interview = "interview", "面接", "Interview";
        Hired = "hired", "採用", "Hired";
        NotHired = "not_hired", "不採用", "Not hired";
        PostingClosed = "posting_closed", "募集終了", "Posting closed";
        Withdrawn = "withdrawn", "取り下げ", "Withdrawn";
    }
}

codes! {
    /// Who wrote a message.
    Sender {
        Jobseeker = "jobseeker", "求職者", "Jobseeker";
        Facility = "facility", "医療機関", "Facility";
        System = "system", "Key-Net", "Key-Net";
    }
}

codes! {
    /// An interview's state.
    InterviewStatus {
        Proposed = "proposed", "日程の確認待ち", "Awaiting reply";
        Accepted = "accepted", "承諾済み", "Accepted";
        Declined = "declined", "辞退", "Declined";
        Cancelled = "cancelled", "取消", "Cancelled";
    }
}

codes! {
    /// The result a facility notifies.
    Decision {
        Hired = "hired", "採用", "Hired";
        NotHired = "not_hired", "不採用", "Not hired";
    }
}

codes! {
    /// Training items (別添1 (7)); the first three are required.
    TrainingItem {
        InfectionControlLecture = "infection_control_lecture", "感染管理の講義", "Infection control (lecture)";
        InfectionControlPractice = "infection_control_practice", "感染管理の実技実習", "Infection control (practice)";
        MedicalSafetyLecture = "medical_safety_lecture", "医療安全の講義", "Medical safety (lecture)";
        CovidKnowledge = "covid_knowledge", "新型コロナウイルス感染症に関する知識", "COVID-19 knowledge";
        PpeDonning = "ppe_donning", "個人防護具（PPE）の選択・着脱", "Choosing, donning and doffing PPE";
        BasicSkills = "basic_skills", "採血・体位交換等の基本技術", "Basic skills (blood sampling, repositioning)";
        Other = "other", "その他", "Other";
    }
}

impl Stage {
    /// Still waiting for an outcome.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Stage::Inquiry | Stage::Applied | Stage::Screening | Stage::Interview
        )
    }
}

impl TrainingItem {
    pub fn required(self) -> bool {
        matches!(
            self,
            TrainingItem::InfectionControlLecture
                | TrainingItem::InfectionControlPractice
                | TrainingItem::MedicalSafetyLecture
        )
    }
}

codes! {
    /// The kinds of partner organisation (SPEC 5, 9).
    OrganisationKind {
        Prefecture = "prefecture", "都道府県", "Prefecture";
        Mhlw = "mhlw", "厚生労働省", "Ministry of Health, Labour and Welfare";
        LabourBureau = "labour_bureau", "都道府県労働局（ハローワーク）", "Prefectural labour bureau (Hello Work)";
        Association = "association", "関係団体", "Professional association";
        NurseCenter = "nurse_center", "ナースセンター", "Nurse centre";
        Recruiter = "recruiter", "民間職業紹介事業者", "Private recruiter";
        Upstream = "upstream", "連携システム", "Upstream system";
    }
}

codes! {
    /// What a scope gives: every field of the postings in it, or only counts.
    ScopeDetail {
        Full = "full", "募集情報（全項目）", "Full postings";
        Counts = "counts", "件数のみ", "Counts only";
    }
}
