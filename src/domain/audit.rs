//! What the audit log records (監査ログ): one `Action` per kind of event, stored by its
//! code (`client.view`, `tour.book`, …) so that old rows stay readable. The names people
//! read are messages (`audit.action.<code>`, in `i18n::platform::audit`).

macro_rules! actions {
    ($($variant:ident = $code:literal,)*) => {
        /// Every kind of event the audit log records.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The stored code.
            pub fn code(self) -> &'static str {
                match self {
                    $(Action::$variant => $code,)*
                }
            }

            /// The message key of the name people read.
            pub fn label_key(self) -> &'static str {
                match self {
                    $(Action::$variant => concat!("audit.action.", $code),)*
                }
            }
        }
    };
}

actions! {
    AuthSignIn = "auth.sign_in",
    AuthSignInFailed = "auth.sign_in_failed",
    AuthSignInThrottled = "auth.sign_in_throttled",
    AuthSignOut = "auth.sign_out",
    SetupComplete = "setup.complete",
    StaffCreate = "staff.create",
    StaffUpdate = "staff.update",
    StaffDelete = "staff.delete",
    StaffPasswordReset = "staff.password_reset",
    StaffPasswordChange = "staff.password_change",
    OfficeCreate = "office.create",
    OfficeUpdate = "office.update",
    OfficeDelete = "office.delete",
    OfficeAreaGrade = "office.area_grade",
    GuideUpdate = "guide.update",
    ClientView = "client.view",
    ClientCreate = "client.create",
    ClientUpdate = "client.update",
    ClientMove = "client.move",
    EmploymentCreate = "employment.create",
    EmploymentUpdate = "employment.update",
    CertificateCreate = "certificate.create",
    CertificateRenew = "certificate.renew",
    ContractCreate = "contract.create",
    MeetingCreate = "meeting.create",
    ContactCreate = "contact.create",
    ConcernResolve = "concern.resolve",
    ConsentCreate = "consent.create",
    ConsentWithdraw = "consent.withdraw",
    InstitutionCreate = "institution.create",
    InstitutionUpdate = "institution.update",
    PlanCreate = "plan.create",
    PlanUpdate = "plan.update",
    PlanAgree = "plan.agree",
    PlanReview = "plan.review",
    PlanRevise = "plan.revise",
    ReportCreate = "report.create",
    ReportUpdate = "report.update",
    ReportFinalise = "report.finalise",
    ReportCorrect = "report.correct",
    ReportShare = "report.share",
    ReportAcknowledge = "report.acknowledge",
    ReportPrint = "report.print",
    TaskDone = "task.done",
    CalendarTokenCreate = "calendar.token_create",
    InquiryCreate = "inquiry.create",
    InquiryView = "inquiry.view",
    InquiryMove = "inquiry.move",
    TourBook = "tour.book",
    TourConfirm = "tour.confirm",
    TourReschedule = "tour.reschedule",
    TourCancel = "tour.cancel",
    TourSlotCreate = "tour_slot.create",
    TourSlotClose = "tour_slot.close",
    TourSlotDelete = "tour_slot.delete",
    EmailRetry = "email.retry",
    ClaimsView = "claims.view",
    ClaimsRateView = "claims.rate_view",
    ClaimsRateFile = "claims.rate_file",
    ClaimsLock = "claims.lock",
    ClaimsRateFreeze = "claims.rate_freeze",
    ClaimsExportCsv = "claims.export_csv",
    ClaimsExportKokuho = "claims.export_kokuho",
    ClaimsInvoices = "claims.invoices",
    ClaimSettingCreate = "claim_setting.create",
    ClaimSettingEnd = "claim_setting.end",
    CapResultSave = "cap_result.save",
    ClaimMasterCreate = "claim_master.create",
    UnitPriceCreate = "unit_price.create",
    PortalInvite = "portal.invite",
    PortalRevoke = "portal.revoke",
    PortalActivate = "portal.activate",
    PortalSignIn = "portal.sign_in",
    PortalSignInFailed = "portal.sign_in_failed",
    PortalSignInThrottled = "portal.sign_in_throttled",
    PortalSignInLink = "portal.sign_in_link",
    PortalSignOut = "portal.sign_out",
    PortalView = "portal.view",
    EmployerInvite = "employer.invite",
    EmployerRevoke = "employer.revoke",
    EmployerObservation = "employer.observation",
    SelfcheckItems = "selfcheck.items",
    SelfcheckEntry = "selfcheck.entry",
    SelfcheckReply = "selfcheck.reply",
    NoteMessage = "note.message",
    CalendarLabelSet = "calendar.label_set",
    ClientAccessReport = "client.access_report",
    TotpEnable = "totp.enable",
    TotpDisable = "totp.disable",
    TotpReset = "totp.reset",
    TotpRequire = "totp.require",
    SignInSecondFactorFailed = "auth.second_factor_failed",
    RecoveryCodeUsed = "auth.recovery_code_used",
    KeepingSettingUpdate = "keeping.setting_update",
    ClientRemove = "client.remove",
    ContactCorrect = "contact.correct",
    ContactWithdraw = "contact.withdraw",
    ContactHistoryView = "contact.history_view",
    PlanPrint = "plan.print",
    StaffInvite = "staff.invite",
    StaffInviteAccept = "staff.invite_accept",
    CaseSearch = "case.search",
    CaseOpen = "case.open",
    CaseHelpful = "case.helpful",
    CaseSharingUpdate = "case.sharing_update",
    WarningSettingsUpdate = "warning.settings_update",
    WarningDismiss = "warning.dismiss",
    ImportUpload = "import.upload",
    ImportRun = "import.run",
    ClientImport = "client.import",
    ClientRecordExport = "client.record_export",
    FollowupCreate = "followup.create",
    HandoverSave = "handover.save",
    HandoverPrint = "handover.print",
}

impl Action {
    /// The action stored under `code`, if it is one of ours.
    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        for a in Action::ALL {
            assert_eq!(Action::from_code(a.code()), Some(*a), "{a:?}");
            assert_eq!(
                Action::ALL.iter().filter(|b| b.code() == a.code()).count(),
                1,
                "{a:?}"
            );
        }
        assert_eq!(Action::from_code("no.such"), None);
    }
}
