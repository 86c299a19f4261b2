//! Where municipalities are, for "near me" search: one point per municipality (the 23 wards
//! of Tokyo included) from `data/municipalities.tsv`, computed once from the PyPI package
//! JpGeocode (MIT; `scripts/gen-municipality-coords.py`). A posting is placed at its
//! municipality's point — a designated city's ward at its city's — never at its address, so
//! a distance says nothing a masked posting's public municipality does not.

use crate::domain::prefecture::Prefecture;
use crate::domain::text::fold_width;
use std::sync::OnceLock;

/// One municipality and its point.
#[derive(Clone, Debug)]
pub struct Place {
    pub prefecture: Prefecture,
    pub name: String,
    pub lat: f64,
    pub lng: f64,
}

impl Place {
    /// `東京都府中市`.
    pub fn label(&self) -> String {
        format!("{}{}", self.prefecture.label().ja, self.name)
    }
}

fn places() -> &'static [Place] {
    static PLACES: OnceLock<Vec<Place>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let by_name: std::collections::HashMap<&str, Prefecture> =
            Prefecture::all().map(|p| (p.label().ja, p)).collect();
        include_str!("../data/municipalities.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                let prefecture = *by_name.get(f.next()?)?;
                let name = f.next()?.to_string();
                let lat = f.next()?.parse().ok()?;
                let lng = f.next()?.parse().ok()?;
                Some(Place {
                    prefecture,
                    name,
                    lat,
                    lng,
                })
            })
            .collect()
    })
}

/// The names a stored municipality may be known by in the table, most exact first:
/// itself; without its district (`虻田郡倶知安町` → `倶知安町`); a designated city's ward as
/// its city (`大阪市北区` → `大阪市`).
fn candidates(municipality: &str) -> Vec<&str> {
    let mut out = vec![municipality];
    if let Some(i) = municipality.find('郡') {
        let rest = &municipality[i + '郡'.len_utf8()..];
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    if municipality.ends_with('区') {
        if let Some(i) = municipality.find('市') {
            let city = &municipality[..i + '市'.len_utf8()];
            if city.len() < municipality.len() {
                out.push(city);
            }
        }
    }
    out
}

/// The point of a posting's municipality in `prefecture_code`, when the table has it.
pub fn locate(prefecture_code: &str, municipality: &str) -> Option<&'static Place> {
    let prefecture = Prefecture::parse(prefecture_code)?;
    let municipality = fold_width(municipality.trim());
    candidates(&municipality).into_iter().find_map(|name| {
        places()
            .iter()
            .find(|p| p.prefecture == prefecture && p.name == name)
    })
}

/// Why a place typed by a person was not found.
#[derive(Debug, PartialEq)]
pub enum NotFound {
    Unknown,
    /// The name is a municipality in more than one prefecture: these.
    Ambiguous(Vec<String>),
}

/// The place someone typed: a municipality, optionally after its prefecture (`府中市`,
/// `東京都府中市`, `大阪市北区`, `虻田郡倶知安町`); full-width folded. `within` narrows the
/// prefectures when it is not empty (the search's own prefecture filter).
pub fn find(input: &str, within: &[Prefecture]) -> Result<&'static Place, NotFound> {
    let text = fold_width(input.trim());
    let (scope, rest): (Vec<Prefecture>, &str) = match Prefecture::all()
        .find(|p| text.starts_with(p.label().ja) && text.len() > p.label().ja.len())
    {
        Some(p) => (vec![p], &text[p.label().ja.len()..]),
        None => (within.to_vec(), text.as_str()),
    };
    for name in candidates(rest) {
        let found: Vec<&Place> = places()
            .iter()
            .filter(|p| p.name == name && (scope.is_empty() || scope.contains(&p.prefecture)))
            .collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one),
            many => {
                return Err(NotFound::Ambiguous(
                    many.iter().map(|p| p.label()).collect(),
                ))
            }
        }
    }
    Err(NotFound::Unknown)
}

/// Great-circle distance in km.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Every municipality within `radius_km` of `origin`, with its distance, nearest first.
pub fn within(origin: &Place, radius_km: f64) -> Vec<(&'static Place, f64)> {
    let mut out: Vec<(&'static Place, f64)> = places()
        .iter()
        .map(|p| (p, distance_km((origin.lat, origin.lng), (p.lat, p.lng))))
        .filter(|(_, d)| *d <= radius_km)
        .collect();
    out.sort_by(|a, b| a.1.total_cmp(&b.1));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pref(code: &str) -> Prefecture {
        Prefecture::parse(code).unwrap()
    }

    #[test]
    fn every_prefecture_has_places() {
        for p in Prefecture::all() {
            assert!(
                places().iter().any(|x| x.prefecture == p),
                "{} has no municipality",
                p.label().ja
            );
        }
        assert!(places().len() > 1700);
    }

    #[test]
    fn typed_places_are_found_by_name_prefecture_ward_and_district() {
        assert_eq!(find("千代田区", &[]).unwrap().label(), "東京都千代田区");
        assert_eq!(find("大阪市北区", &[]).unwrap().label(), "大阪府大阪市");
        assert!(matches!(
            find("どこでもない市", &[]),
            Err(NotFound::Unknown)
        ));
        assert_eq!(find("東京都府中市", &[]).unwrap().label(), "東京都府中市");
        assert_eq!(
            find("府中市", &[pref("34")]).unwrap().label(),
            "広島県府中市"
        );
        match find("府中市", &[]) {
            Err(NotFound::Ambiguous(both)) => {
                assert!(both.contains(&"東京都府中市".to_string()), "{both:?}");
                assert!(both.contains(&"広島県府中市".to_string()), "{both:?}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            find("虻田郡倶知安町", &[]).unwrap().label(),
            "北海道倶知安町"
        );
        assert_eq!(find("福岡市", &[]).unwrap().label(), "福岡県福岡市");
    }

    #[test]
    fn distances_are_about_right() {
        let tokyo = find("千代田区", &[]).unwrap();
        let yokohama = find("横浜市", &[]).unwrap();
        let osaka = find("大阪市", &[]).unwrap();
        let d = distance_km((tokyo.lat, tokyo.lng), (yokohama.lat, yokohama.lng));
        assert!((20.0..40.0).contains(&d), "{d}");
        let d = distance_km((tokyo.lat, tokyo.lng), (osaka.lat, osaka.lng));
        assert!((380.0..420.0).contains(&d), "{d}");
        let near = within(tokyo, 30.0);
        assert_eq!(near[0].0.name, "千代田区");
        assert!(near.iter().any(|(p, _)| p.name == "横浜市"));
        assert!(!near.iter().any(|(p, _)| p.name == "大阪市"));
    }
}
