//! Purposes (Art. 5(1)(b)) and kinds of data subject: built-in vocabularies that policies extend.

/// The built-in purposes: id and description. Policies may declare more below any of them.
///
/// Everything under `marketing.direct` is direct marketing, which an Art. 21(2) objection stops
/// whatever the legal basis (Art. 21(3)).
pub const BUILTIN_PURPOSES: &[(&str, &str)] = &[
    ("service", "providing the service the subject asked for"),
    (
        "service.contract",
        "entering into and performing the contract",
    ),
    (
        "service.identification",
        "identifying the subject as a customer or user",
    ),
    ("service.quotes", "answering quote requests"),
    ("service.delivery", "delivering orders and services"),
    ("service.communication", "communicating about the service"),
    ("support", "customer support"),
    ("billing", "invoicing and payment"),
    ("billing.debt_collection", "collecting unpaid invoices"),
    (
        "customer_relationship",
        "managing the customer relationship",
    ),
    ("marketing", "marketing"),
    ("marketing.direct", "direct marketing to the subject"),
    ("marketing.direct.newsletter", "newsletters"),
    (
        "marketing.direct.offers",
        "offers and product tips sent to the subject",
    ),
    (
        "marketing.targeted",
        "targeting and optimising marketing, online advertising",
    ),
    ("analytics", "analytics"),
    (
        "analytics.aggregate",
        "aggregate analysis not aimed at individuals",
    ),
    ("analytics.web", "web analytics"),
    ("analytics.satisfaction", "measuring customer satisfaction"),
    ("product_development", "improving products and services"),
    ("security", "security, troubleshooting and fraud prevention"),
    ("legal", "complying with the law and defending rights"),
    ("legal.bookkeeping", "bookkeeping required by law"),
    (
        "legal.claims",
        "establishing, exercising or defending legal claims",
    ),
    (
        "legal.authority_requests",
        "answering lawful requests of authorities",
    ),
    (
        "business_transfer",
        "mergers, acquisitions and other business transfers",
    ),
    ("recruitment", "recruitment"),
];

/// The built-in kinds of data subject: id, description, and whether such a subject is (or asks
/// to become) a party to the contract with the controller, so that Art. 6(1)(b) can apply to
/// their data. Policies may declare more.
///
/// A contact person of a business customer or supplier is not a party: the contract is the
/// company's, and their data rests on the controller's legitimate interests instead (EDPB
/// Guidelines 2/2019, paragraph 17: the subject must be a party). A prospect or job applicant is
/// one for the steps taken at their request before entering into a contract. A child is not
/// taken to be one: capacity to contract is a matter of national law the policy must state.
pub const BUILTIN_SUBJECTS: &[(&str, &str, bool)] = &[
    (
        "customer",
        "a customer who is a natural person (consumer or sole trader)",
        true,
    ),
    (
        "customer_representative",
        "a contact person of a business customer",
        false,
    ),
    ("prospect", "a potential customer", true),
    ("user", "a user of the service", true),
    ("website_visitor", "a visitor of the website", false),
    ("newsletter_subscriber", "a newsletter subscriber", false),
    ("employee", "an employee", true),
    ("job_applicant", "a job applicant", true),
    (
        "supplier_representative",
        "a contact person of a supplier",
        false,
    ),
    ("child", "a child under the digital age of consent", false),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::id::check_id;

    #[test]
    fn builtins_are_ids_with_parents() {
        for (id, _) in BUILTIN_PURPOSES {
            assert!(check_id(id).is_ok());
            if let Some((parent, _)) = id.rsplit_once('.') {
                assert!(BUILTIN_PURPOSES.iter().any(|p| p.0 == parent), "{id}");
            }
        }
        for (id, _, _) in BUILTIN_SUBJECTS {
            assert!(check_id(id).is_ok() && !id.contains('.'));
        }
    }
}
