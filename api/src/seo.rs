//! What search engines and link previews read without running JavaScript: a posting page's
//! title, description, Open Graph tags and schema.org `JobPosting` (put into the HTML the
//! server sends for `/postings/{id}`), `robots.txt` and `sitemap.xml` of open postings.
//!
//! Everything here is built from [`PublicPosting`] — the anonymous visitor's view — so a
//! masked posting's withheld fields cannot reach a preview: its employer is "confidential"
//! and its place no finer than the municipality.

use crate::db::postings as q;
use crate::db::DbConn;
use crate::domain::codes::{PostingStatus, WageUnit};
use crate::error::AppResult;
use crate::views::posting::PublicPosting;
use serde_json::json;

/// `&`, `<`, `>`, `"` and `'` as entities, for text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for inside `<script>`: `<`, `>` and `&` escaped so that no `</script>` can end it.
fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// The head of a posting page: what replaces the site's default title and description.
pub struct PostingHead {
    pub title: String,
    pub description: String,
    pub tags: String,
}

/// The head of an open posting's page, from its public view.
pub fn posting_head(p: &PublicPosting, public_url: &str) -> PostingHead {
    let c = &p.common;
    let base = public_url.trim_end_matches('/');
    let url = format!("{base}/postings/{}", c.id);
    let occupation = c.occupation.label().ja;
    let place = format!(
        "{}{}",
        c.workplace.prefecture_name, c.workplace.municipality
    );
    let employer = p.identity.as_ref().map(|i| i.facility_name.as_str());
    let wage = &c.details.wage;
    let title = match employer {
        Some(name) => format!("{occupation}の募集（{place}・{name}）| 医療のお仕事 Key-Net"),
        None => format!("{occupation}の募集（{place}）| 医療のお仕事 Key-Net"),
    };
    let description = truncate(
        &format!(
            "{place}の{}で{occupation}を募集しています。{}{}円、{}〜{}。雇用期間 {}〜{}。求人ID {}。{}",
            c.workplace.facility_type.label().ja,
            wage.unit.label().ja,
            wage.amount_yen,
            c.details.hours.start,
            c.details.hours.end,
            c.employment_period.start,
            c.employment_period.end,
            c.id,
            c.details.notes,
        ),
        200,
    );
    let unit = match wage.unit {
        WageUnit::Hourly => "HOUR",
        WageUnit::Daily => "DAY",
        WageUnit::Monthly => "MONTH",
    };
    let mut address = json!({
        "@type": "PostalAddress",
        "addressCountry": "JP",
        "addressRegion": c.workplace.prefecture_name,
        "addressLocality": c.workplace.municipality,
    });
    if let Some(i) = &p.identity {
        address["streetAddress"] = json!(i.street_address);
        address["postalCode"] = json!(i.postal_code);
    }
    let ld = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": format!("{occupation}（{}）", c.workplace.facility_type.label().ja),
        "description": format!("<p>{}</p>", escape_html(&description)),
        "identifier": {"@type": "PropertyValue", "name": "医療のお仕事 Key-Net", "value": c.id.to_string()},
        "datePosted": c.published_at.date_naive().to_string(),
        "validThrough": format!("{}T23:59:59+09:00", c.employment_period.end),
        "employmentType": "TEMPORARY",
        "hiringOrganization": match employer {
            Some(name) => json!({"@type": "Organization", "name": name}),
            None => json!("confidential"),
        },
        "jobLocation": {"@type": "Place", "address": address},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "JPY",
                       "value": {"@type": "QuantitativeValue", "value": wage.amount_yen, "unitText": unit}},
        "directApply": true,
        "url": url,
    });
    let tags = format!(
        "<meta name=\"description\" content=\"{d}\" />\n\
         <link rel=\"canonical\" href=\"{u}\" />\n\
         <meta property=\"og:type\" content=\"website\" />\n\
         <meta property=\"og:site_name\" content=\"医療のお仕事 Key-Net\" />\n\
         <meta property=\"og:locale\" content=\"ja_JP\" />\n\
         <meta property=\"og:title\" content=\"{t}\" />\n\
         <meta property=\"og:description\" content=\"{d}\" />\n\
         <meta property=\"og:url\" content=\"{u}\" />\n\
         <meta name=\"twitter:card\" content=\"summary\" />\n\
         <script type=\"application/ld+json\">{ld}</script>",
        d = escape_html(&description),
        u = escape_html(&url),
        t = escape_html(&title),
        ld = script_json(&ld),
    );
    PostingHead {
        title,
        description,
        tags,
    }
}

/// The head of `/postings/{id}`: `None` when there is no open posting of that id (the page
/// is then the site's own, with `noindex`).
pub fn head_for(conn: &mut DbConn, id: i64, public_url: &str) -> AppResult<Option<PostingHead>> {
    let Some(row) = q::find(conn, id).ok() else {
        return Ok(None);
    };
    if row.status() != PostingStatus::Open {
        return Ok(None);
    }
    let view = PublicPosting::from_row(conn, &row)?;
    Ok(Some(posting_head(&view, public_url)))
}

/// `index.html` with the posting's head in place of the site's title and description.
pub fn with_head(index: &str, head: Option<&PostingHead>) -> String {
    let Some(h) = head else {
        return index.replacen(
            "<title>",
            "<meta name=\"robots\" content=\"noindex\" />\n    <title>",
            1,
        );
    };
    let mut out = String::with_capacity(index.len() + h.tags.len() + 256);
    let mut rest = index;
    // The default description goes; the posting's comes with the tags.
    if let Some(start) = rest.find("<meta name=\"description\"") {
        if let Some(len) = rest[start..].find("/>") {
            out.push_str(&rest[..start]);
            rest = &rest[start + len + 2..];
        }
    }
    match (rest.find("<title>"), rest.find("</title>")) {
        (Some(a), Some(b)) if a < b => {
            out.push_str(&rest[..a]);
            out.push_str(&format!("<title>{}</title>\n    ", escape_html(&h.title)));
            out.push_str(&h.tags);
            out.push_str(&rest[b + "</title>".len()..]);
        }
        _ => out.push_str(rest),
    }
    out
}

/// `robots.txt`: everything public may be crawled; the signed-in areas are not worth it.
pub fn robots(public_url: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /facility\nDisallow: /partner\n\
         Disallow: /threads\nDisallow: /profile\nDisallow: /account\nDisallow: /api/\n\n\
         Sitemap: {}/sitemap.xml\n",
        public_url.trim_end_matches('/')
    )
}

/// The most URLs one sitemap may list.
const SITEMAP_MAX: i64 = 50_000;

/// `sitemap.xml`: the home page, the desks, the training materials, and every open posting
/// (the newest 49,997 at most) with the day it last changed.
pub fn sitemap(conn: &mut DbConn, public_url: &str) -> AppResult<String> {
    let base = escape_html(public_url.trim_end_matches('/'));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in ["/", "/desks", "/training-materials"] {
        out.push_str(&format!("<url><loc>{base}{path}</loc></url>\n"));
    }
    for (id, updated) in q::open_ids_for_sitemap(conn, SITEMAP_MAX - 3)? {
        out.push_str(&format!(
            "<url><loc>{base}/postings/{id}</loc><lastmod>{}</lastmod></url>\n",
            updated.format("%Y-%m-%d")
        ));
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_script_escaping_leave_nothing_to_break_out() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let s = script_json(&json!({"t": "</script><script>alert(1)</script>"}));
        assert!(!s.contains("</script>") && !s.contains('<'));
    }

    #[test]
    fn a_missing_posting_is_not_indexed() {
        let index = "<head><meta name=\"description\" content=\"x\" /><title>K</title></head>";
        assert!(with_head(index, None).contains("noindex"));
        let h = PostingHead {
            title: "T & co".into(),
            description: "D".into(),
            tags: "<meta name=\"description\" content=\"D\" />".into(),
        };
        let page = with_head(index, Some(&h));
        assert!(page.contains("<title>T &amp; co</title>"));
        assert_eq!(page.matches("name=\"description\"").count(), 1, "{page}");
    }
}
