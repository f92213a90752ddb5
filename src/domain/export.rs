//! Why a file with clients' names leaves Teichaku (issue 16: exports that carry names are
//! audited with who and why). The person downloading says it; the audit row keeps it.

/// The purpose of an export (`?purpose=` on the download).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// 国保連への請求: sending the claim.
    Claim,
    /// 事業所内の確認: checking the figures inside the office.
    Check,
    /// 指導監査・自治体への提出: an inspection or a municipality's request.
    Inspection,
    /// 利用者への交付: handing invoices and receipts to clients.
    Clients,
    /// 本人開示: the person asked for everything held about them (a client's whole record,
    /// issue 15).
    Disclosure,
    /// 事業所の移転・引継ぎ: the record goes with the person to another office.
    Transfer,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Claim,
        Purpose::Check,
        Purpose::Inspection,
        Purpose::Clients,
    ];
    /// The purposes of a client's whole-record export.
    pub const RECORD: [Purpose; 3] = [Purpose::Disclosure, Purpose::Inspection, Purpose::Transfer];

    pub fn code(self) -> &'static str {
        match self {
            Purpose::Disclosure => "disclosure",
            Purpose::Transfer => "transfer",
            Purpose::Claim => "claim",
            Purpose::Check => "check",
            Purpose::Inspection => "inspection",
            Purpose::Clients => "clients",
        }
    }
    /// One of the claims' downloads' purposes (`ALL`).
    pub fn parse(code: &str) -> Option<Purpose> {
        Purpose::parse_in(code, &Purpose::ALL)
    }
    /// One of `list`.
    pub fn parse_in(code: &str, list: &[Purpose]) -> Option<Purpose> {
        list.iter().copied().find(|p| p.code() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Purpose::Disclosure => "record.purpose.disclosure",
            Purpose::Transfer => "record.purpose.transfer",
            Purpose::Claim => "claim.purpose.claim",
            Purpose::Check => "claim.purpose.check",
            Purpose::Inspection => "claim.purpose.inspection",
            Purpose::Clients => "claim.purpose.clients",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_read_back_and_nothing_else_is_one() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.code()), Some(p));
        }
        assert_eq!(Purpose::parse(""), None);
        assert_eq!(Purpose::parse("disclosure"), None, "not a claim download's");
        for p in Purpose::RECORD {
            assert_eq!(Purpose::parse_in(p.code(), &Purpose::RECORD), Some(p));
        }
        assert_eq!(Purpose::parse("CLAIM"), None);
    }
}
