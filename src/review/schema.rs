//! Rules over the schema.org `JobPosting` front matter (read by [`crate::posting::schema`]):
//! `schema-value` (a value that is there but wrong), `expired` (`validThrough` is past) and
//! `structured-data` (Google for Jobs' required properties missing; recommended ones as info).

use super::{RuleId, Severity, Sink};
use crate::posting::Posting;
use crate::posting::schema::{self, Prop};

/// Runs the schema.org rules; nothing when the front matter is not valid YAML (the
/// `front-matter` rule says so).
pub(super) fn run(posting: &Posting, out: &mut Sink) {
    if posting.front_matter().is_some_and(|f| f.error.is_some()) {
        return;
    }
    let job = out.job;
    for p in &job.problems {
        out.add(
            RuleId::SchemaValue,
            Severity::Warning,
            p.at,
            p.message.clone(),
        );
    }
    if out.rules.enabled(RuleId::Expired)
        && let Some(Prop {
            value: Some(until),
            at,
            ..
        }) = &job.valid_through
    {
        let today = out.today.unwrap_or_else(schema::today);
        if until.date < today {
            out.add(
                RuleId::Expired,
                Severity::Warning,
                *at,
                format!(
                    "validThrough {} has passed; take the posting down or move the date",
                    until.text
                ),
            );
        }
    }
    if out.rules.enabled(RuleId::StructuredData) {
        let at = posting.front_matter().map_or(0, |f| f.block.start);
        for m in job.missing() {
            let (severity, verb) = if m.required {
                (Severity::Error, "requires")
            } else {
                (Severity::Info, "recommends")
            };
            let message = format!(
                "no {} in the front matter ({}); Google for Jobs {verb} it",
                m.property, m.what
            );
            if m.required {
                out.add(RuleId::StructuredData, severity, at, message);
            } else {
                out.add_fixed(RuleId::StructuredData, severity, at, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::posting::Posting;
    use crate::posting::schema::Date;
    use crate::review::{Level, RuleId, Rules, Severity, review_on};

    fn found(
        text: &str,
        rules: &Rules,
        today: Date,
    ) -> Vec<(&'static str, Severity, usize, String)> {
        review_on("t.md".into(), &Posting::parse(text), rules, Some(today))
            .findings
            .into_iter()
            .map(|f| (f.rule.as_str(), f.severity, f.line, f.message))
            .collect()
    }

    const DAY: Date = jiff::civil::date(2025, 2, 1);

    #[test]
    fn expired_when_valid_through_is_before_today() {
        let rules = Rules::only(&[RuleId::Expired]);
        let t = |until: &str| format!("---\ntitle: T\nvalidThrough: {until}\n---\n# A\n\nB.\n");
        assert_eq!(
            found(&t("2025-01-31"), &rules, DAY),
            [(
                "expired",
                Severity::Warning,
                3,
                "validThrough 2025-01-31 has passed; take the posting down or move the date".into()
            )]
        );
        assert!(found(&t("2025-02-01"), &rules, DAY).is_empty());
        assert!(found(&t("2025-02-01T09:00"), &rules, DAY).is_empty());
        assert!(found(&t("\"[Closing date]\""), &rules, DAY).is_empty());
    }

    #[test]
    fn front_matter_that_states_pay_place_and_type_meets_those_rules() {
        let rules = Rules::only(&[RuleId::PayRange, RuleId::Location, RuleId::EmploymentType]);
        let body = "# A\n\nWe bake.\n";
        let rules_fired = |fm: &str| -> Vec<&'static str> {
            found(&format!("---\n{fm}---\n{body}"), &rules, DAY)
                .iter()
                .map(|f| f.0)
                .collect()
        };
        assert_eq!(
            rules_fired(
                "employmentType: PER_DIEM\njobLocation: {address: {addressLocality: Leeds}}\nbaseSalary: {currency: GBP, value: {value: 120, unitText: DAY}}\n"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            rules_fired("jobLocationType: TELECOMMUTE\napplicantLocationRequirements: GB\n"),
            ["pay-range", "employment-type"]
        );
        // Placeholders and unknown values state nothing.
        assert_eq!(
            rules_fired(
                "employmentType: COMPANY_NAME\njobLocation: {address: {addressLocality: \"[City]\"}}\nbaseSalary: {currency: GBP, value: {minValue: \"[Lowest]\", maxValue: \"[Highest]\", unitText: YEAR}}\n"
            ),
            ["pay-range", "location", "employment-type"]
        );
        // Remote with nowhere an applicant may live is no location.
        assert_eq!(
            rules_fired("jobLocationType: TELECOMMUTE\n"),
            ["pay-range", "location", "employment-type"]
        );
    }

    #[test]
    fn wrong_values_are_schema_value_warnings() {
        let rules = Rules::only(&[RuleId::SchemaValue]);
        let f = found(
            "---\nemploymentType: Full-time\nvalidThrough: 31.01.2025\n---\n# A\n",
            &rules,
            DAY,
        );
        let ids: Vec<_> = f.iter().map(|x| (x.0, x.1, x.2)).collect();
        assert_eq!(
            ids,
            [
                ("schema-value", Severity::Warning, 2),
                ("schema-value", Severity::Warning, 3)
            ]
        );
        assert!(f[0].3.contains("use one of FULL_TIME, PART_TIME"), "{f:?}");
    }

    #[test]
    fn structured_data_is_off_unless_a_team_turns_it_on() {
        let text = "---\ntitle: Baker\n---\n# A\n\nWe bake.\n";
        assert!(
            found(text, &Rules::default(), DAY)
                .iter()
                .all(|f| f.0 != "structured-data")
        );
        let rules = Rules::new(
            [(RuleId::StructuredData, Level::Error)].into(),
            None,
            &Default::default(),
        );
        let f: Vec<_> = found(text, &rules, DAY)
            .into_iter()
            .filter(|f| f.0 == "structured-data")
            .map(|f| (f.1, f.2, f.3))
            .collect();
        assert_eq!(f.len(), 8, "{f:?}");
        assert_eq!(
            f[0],
            (
                Severity::Error,
                1,
                "no datePosted in the front matter (the date it is posted, YYYY-MM-DD); Google for Jobs requires it".into()
            )
        );
        assert_eq!(f[2].0, Severity::Error);
        assert!(f[2].2.starts_with("no jobLocation"));
        assert!(f[3..].iter().all(|x| x.0 == Severity::Info), "{f:?}");
        assert!(f[3].2.ends_with("Google for Jobs recommends it"));
    }
}
