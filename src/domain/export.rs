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
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Claim,
        Purpose::Check,
        Purpose::Inspection,
        Purpose::Clients,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Claim => "claim",
            Purpose::Check => "check",
            Purpose::Inspection => "inspection",
            Purpose::Clients => "clients",
        }
    }
    pub fn parse(code: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.code() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
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
        assert_eq!(Purpose::parse("CLAIM"), None);
    }
}
