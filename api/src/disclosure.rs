//! Who may see the fields a masked posting withholds (SPEC 3), decided in one place.
//!
//! The withheld fields leave the database only as [`Sealed`]: it has no `Serialize`, no
//! public field, and a `Debug` that prints nothing of them. [`disclose`] is the only way to
//! open it: it decides by [`Audience`], and writes the audit record SPEC 3 asks for when a
//! jobseeker is shown a masked posting in full.

use crate::db::audit;
use crate::db::DbConn;
use crate::domain::posting::MaskableFields;
use crate::error::AppResult;
use crate::views::posting::PostingIdentity;

/// A posting's withheld fields, unopened.
pub struct Sealed(MaskableFields);

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealed(…)")
    }
}

impl Sealed {
    /// Seals fields read from storage or from a form being written.
    pub fn new(fields: MaskableFields) -> Sealed {
        Sealed(fields)
    }
}

/// Something that withholds fields when masked: a stored posting, or a form being saved.
pub trait Withholding {
    fn mask_requested(&self) -> bool;
    fn sealed(&self) -> AppResult<Sealed>;
    /// The stored posting, for the audit log (`None` for a form not saved yet).
    fn posting_id(&self) -> Option<i64>;
}

/// To whom the fields would be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Anyone: visitors, jobseekers who did not contact the posting, other facilities,
    /// search text and anything republished.
    Public,
    /// A signed-in jobseeker, and whether they inquired or applied to this posting.
    Jobseeker { account_id: i64, contacted: bool },
    /// The facility that owns the posting, or an admin (checked by the caller with
    /// `AuthUser::manages_facility`).
    Manager,
    /// A partner whose full-detail scope covers the posting.
    Partner,
    /// The service itself, writing to the posting's own contact address.
    Service,
}

/// The withheld fields for `audience`, or `None` when they stay withheld. Unmasked postings
/// show them to everyone. A jobseeker shown a masked posting in full is recorded.
pub fn disclose(
    conn: &mut DbConn,
    item: &impl Withholding,
    audience: Audience,
) -> AppResult<Option<PostingIdentity>> {
    let masked = item.mask_requested();
    let open = !masked
        || match audience {
            Audience::Public => false,
            Audience::Jobseeker { contacted, .. } => contacted,
            Audience::Manager | Audience::Partner | Audience::Service => true,
        };
    if !open {
        return Ok(None);
    }
    if let (true, Audience::Jobseeker { account_id, .. }, Some(id)) =
        (masked, audience, item.posting_id())
    {
        audit::record(
            conn,
            account_id,
            audit::POSTING_DISCLOSED,
            Some(id),
            None,
            None,
        )?;
    }
    let Sealed(m) = item.sealed()?;
    Ok(Some(PostingIdentity {
        facility_name: m.facility_name,
        postal_code: m.postal_code,
        street_address: m.street_address,
        workplace_name: m.workplace_name,
        contact: m.contact,
    }))
}
