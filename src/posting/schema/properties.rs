//! The properties with a shape of their own: lists of enum values, organisation, places,
//! areas, pay, identifier and requirements.

use std::ops::Range;

use super::read::{Reader, Scalar, unknown};
use super::{
    Address, Amount, Area, EMPLOYMENT_TYPES, Identifier, Organization, Prop, Requirement, Salary,
    UNIT_TEXTS,
};
use crate::yaml::Value;

impl Reader<'_> {
    pub(super) fn employment_type(
        &mut self,
        v: &Value,
        within: Range<usize>,
    ) -> Prop<Vec<&'static str>> {
        let at = within.start;
        let items = one_or_many(v);
        let mut known = Vec::new();
        let mut pending = false;
        for item in items {
            let s = match self.scalar(item) {
                Scalar::Filled(s) | Scalar::Unfilled(s) => s,
                Scalar::Empty => continue,
                Scalar::Other => {
                    self.problem(
                        at,
                        unknown("employmentType", "a mapping", EMPLOYMENT_TYPES, true),
                    );
                    pending = true;
                    continue;
                }
            };
            match EMPLOYMENT_TYPES.iter().find(|a| **a == s) {
                Some(a) => known.push(*a),
                None => {
                    let word_at = self.word(&within, &s);
                    self.problem(
                        word_at,
                        unknown("employmentType", &s, EMPLOYMENT_TYPES, true),
                    );
                    pending = true;
                }
            }
        }
        if pending || known.is_empty() {
            Prop::none(at, pending)
        } else {
            Prop::ok(known, at)
        }
    }

    pub(super) fn organization(&mut self, v: &Value, within: Range<usize>) -> Prop<Organization> {
        let at = within.start;
        if let Value::String(_) = v {
            let Prop { value, pending, .. } = self.text_prop("hiringOrganization", v, at);
            return match value {
                Some(name) => Prop::ok(
                    Organization {
                        name,
                        ..Organization::default()
                    },
                    at,
                ),
                None => Prop::none(at, pending),
            };
        }
        if !matches!(v, Value::Map(_)) {
            if !matches!(v, Value::Null) {
                self.problem(
                    at,
                    "hiringOrganization is a mapping: name, and sameAs and logo (URLs)".into(),
                );
            }
            return Prop::none(at, !matches!(v, Value::Null));
        }
        let mut pending = false;
        let name = match v.get("name") {
            Some(n) => {
                let p = self.text_prop("name", n, self.key(&within, "name", 0));
                pending |= p.pending;
                p.value
            }
            None => None,
        };
        let mut url = |r: &mut Self, key: &str| match r.part(v, key, &within) {
            Ok(Some(u)) if !u.starts_with("https://") && !u.starts_with("http://") => {
                let at = r.key(&within, key, 0);
                r.problem(
                    at,
                    format!("hiringOrganization {key} is a URL (https://...)"),
                );
                pending = true;
                None
            }
            Ok(u) => u,
            Err(()) => {
                pending = true;
                None
            }
        };
        let same_as = url(self, "sameAs");
        let logo = url(self, "logo");
        match name {
            Some(name) => Prop {
                value: Some(Organization {
                    name,
                    same_as,
                    logo,
                }),
                at,
                pending,
            },
            None => Prop::none(at, pending),
        }
    }

    pub(super) fn places(&mut self, v: &Value, within: Range<usize>) -> Prop<Vec<Address>> {
        const PARTS: &str =
            "streetAddress, addressLocality, addressRegion, postalCode, addressCountry";
        let at = within.start;
        if let Value::Null = v {
            return Prop::none(at, false);
        }
        let items = one_or_many(v);
        let mut out = Vec::new();
        let mut pending = false;
        for (i, item) in items.iter().enumerate() {
            let Some(address) = item.get("address") else {
                self.problem(
                    at,
                    format!("jobLocation needs an address: a mapping of {PARTS}"),
                );
                pending = true;
                continue;
            };
            let here = self.inside(&within, "address", i);
            if !matches!(address, Value::Map(_)) {
                self.problem(
                    here.start,
                    format!("jobLocation address is a mapping of {PARTS}"),
                );
                pending = true;
                continue;
            }
            let mut part = |r: &mut Self, key: &str| {
                let v = address.get(key)?;
                // `addressCountry: {name: DE}` is a Country.
                let v = match v {
                    Value::Map(_) if key == "addressCountry" => v.get("name")?,
                    v => v,
                };
                let p = r.text_prop(key, v, r.key(&here, key, 0));
                pending |= p.pending;
                p.value
            };
            let a = Address {
                street_address: part(self, "streetAddress"),
                address_locality: part(self, "addressLocality"),
                address_region: part(self, "addressRegion"),
                postal_code: part(self, "postalCode"),
                address_country: part(self, "addressCountry"),
            };
            if a != Address::default() {
                out.push(a);
            }
        }
        Prop::list(out, at, pending)
    }

    pub(super) fn areas(&mut self, v: &Value, within: Range<usize>) -> Prop<Vec<Area>> {
        const KINDS: &[&str] = &["Country", "State", "AdministrativeArea"];
        let at = within.start;
        let items = one_or_many(v);
        let mut out = Vec::new();
        let mut pending = false;
        for item in items {
            let (name, kind) = match item {
                Value::Map(_) => {
                    let kind = item.get("@type").or_else(|| item.get("type"));
                    let kind = match kind.and_then(Value::as_str) {
                        None => Some("Country"),
                        Some(k) => KINDS.iter().find(|x| **x == k).copied(),
                    };
                    (item.get("name").unwrap_or(&Value::Null), kind)
                }
                v => (v, Some("Country")),
            };
            let Some(kind) = kind else {
                self.problem(
                    at,
                    unknown("applicantLocationRequirements @type", "this", KINDS, false),
                );
                pending = true;
                continue;
            };
            let p = self.text_prop("applicantLocationRequirements", name, at);
            pending |= p.pending;
            if let Some(name) = p.value {
                out.push(Area { kind, name });
            }
        }
        Prop::list(out, at, pending)
    }

    pub(super) fn salary(&mut self, v: &Value, within: Range<usize>) -> Prop<Salary> {
        const SHAPE: &str = "baseSalary is a mapping: currency (e.g. USD) and value with minValue and maxValue (or value) and unitText";
        let at = within.start;
        if !matches!(v, Value::Map(_)) {
            if matches!(v, Value::Null) {
                return Prop::none(at, false);
            }
            self.problem(at, SHAPE.into());
            return Prop::none(at, true);
        }
        let mut pending = false;
        let currency = match v.get("currency") {
            None => {
                self.problem(
                    at,
                    "baseSalary has no currency: add currency: USD (an ISO 4217 code)".into(),
                );
                pending = true;
                None
            }
            Some(c) => {
                let c_at = self.key(&within, "currency", 0);
                let p = self.text_prop("currency", c, c_at);
                pending |= p.pending;
                match p.value {
                    Some(c) if c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()) => Some(c),
                    Some(c) => {
                        self.problem(
                            c_at,
                            format!("baseSalary currency \"{c}\" is not an ISO 4217 code; write three capital letters such as USD, EUR or GBP"),
                        );
                        pending = true;
                        None
                    }
                    None => None,
                }
            }
        };
        let inner = self.inside(&within, "value", 0);
        let (amount, unit) = match v.get("value") {
            None => {
                self.problem(at, SHAPE.into());
                pending = true;
                (None, None)
            }
            Some(q @ Value::Map(_)) => {
                let mut num = |r: &mut Self, key: &str| {
                    let n = r.number(q.get(key)?, key, r.key(&inner, key, 0));
                    pending |= n.is_err();
                    n.ok()
                };
                let exact = num(self, "value");
                let min = num(self, "minValue");
                let max = num(self, "maxValue");
                if let (Some(lo), Some(hi)) = (&min, &max)
                    && lo.parse::<f64>().ok() > hi.parse::<f64>().ok()
                {
                    let at = self.key(&inner, "minValue", 0);
                    self.problem(
                        at,
                        format!("baseSalary minValue {lo} is more than maxValue {hi}"),
                    );
                    pending = true;
                }
                let amount = match exact {
                    Some(n) => Some(Amount::Exact(n)),
                    None if min.is_some() || max.is_some() => Some(Amount::Range { min, max }),
                    None => None,
                };
                let unit = match q.get("unitText") {
                    Some(u) => {
                        let u_at = self.key(&inner, "unitText", 0);
                        let p = self.one_of("unitText", UNIT_TEXTS, u, u_at..inner.end);
                        pending |= p.pending;
                        p.value
                    }
                    None => {
                        self.problem(
                            inner.start,
                            format!(
                                "baseSalary value has no unitText: add one of {}",
                                UNIT_TEXTS.join(", ")
                            ),
                        );
                        pending = true;
                        None
                    }
                };
                (amount, unit)
            }
            Some(n) => {
                let n = self.number(n, "value", inner.start);
                self.problem(
                    inner.start,
                    format!(
                        "baseSalary value needs a unitText: write value: {{value: {}, unitText: YEAR}} (or HOUR, DAY, WEEK, MONTH)",
                        n.as_deref().unwrap_or("...")
                    ),
                );
                pending = true;
                (n.ok().map(Amount::Exact), None)
            }
        };
        match (currency, amount) {
            (Some(currency), Some(amount)) => Prop {
                value: Some(Salary {
                    currency,
                    amount,
                    unit,
                }),
                at,
                pending,
            },
            _ => Prop::none(at, pending),
        }
    }

    pub(super) fn identifier(&mut self, v: &Value, within: Range<usize>) -> Prop<Identifier> {
        let at = within.start;
        if let Value::Map(_) = v {
            let mut pending = false;
            let name = self.part(v, "name", &within).unwrap_or_else(|()| {
                pending = true;
                None
            });
            let value = v.get("value").map(|x| {
                let p = self.text_prop("identifier value", x, self.key(&within, "value", 0));
                pending |= p.pending;
                p.value
            });
            return match value.flatten() {
                Some(value) => Prop {
                    value: Some(Identifier { name, value }),
                    at,
                    pending,
                },
                None => Prop::none(at, pending),
            };
        }
        let Prop { value, pending, .. } = self.text_prop("identifier", v, at);
        match value {
            Some(value) => Prop::ok(Identifier { name: None, value }, at),
            None => Prop::none(at, pending),
        }
    }

    pub(super) fn requirement(
        &mut self,
        name: &str,
        typed_key: &str,
        v: &Value,
        within: Range<usize>,
    ) -> Prop<Requirement> {
        let at = within.start;
        let Value::Map(_) = v else {
            let Prop { value, pending, .. } = self.text_prop(name, v, at);
            return match value {
                Some(t) => Prop::ok(Requirement::Text(t), at),
                None => Prop::none(at, pending),
            };
        };
        let Some(inner) = v.get(typed_key) else {
            self.problem(at, format!("{name} is text, or a mapping with {typed_key}"));
            return Prop::none(at, true);
        };
        let key_at = self.key(&within, typed_key, 0);
        if typed_key == "monthsOfExperience" {
            let Prop { value, pending, .. } = self.text_prop(typed_key, inner, key_at);
            return match value {
                Some(m) if m.bytes().all(|b| b.is_ascii_digit()) => {
                    Prop::ok(Requirement::Months(m), at)
                }
                Some(m) => {
                    self.problem(
                        key_at,
                        format!("monthsOfExperience \"{m}\" is not a whole number of months"),
                    );
                    Prop::none(at, true)
                }
                None => Prop::none(at, pending),
            };
        }
        let Prop { value, pending, .. } = self.text_prop(typed_key, inner, key_at);
        match value {
            Some(c) => Prop::ok(Requirement::Credential(c), at),
            None => Prop::none(at, pending),
        }
    }
}

/// The items of a sequence, or the one value written where a list may stand.
fn one_or_many(v: &Value) -> &[Value] {
    match v {
        Value::Seq(items) => items,
        v => std::slice::from_ref(v),
    }
}
