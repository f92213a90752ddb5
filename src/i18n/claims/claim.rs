//! Messages for monthly claims, 就労定着率, invoices and exports: (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("claim.title", "請求", "Claims"),
    (
        "claim.intro",
        "月ごと・事業所ごとの請求です。利用者ごとに基本報酬を算定できるか（できない理由）、加算・減算、単位数、費用額、利用者負担額、請求額を示します。確定すると、その内容が請求の記録として残ります。",
        "The claim for one office and month. For each client: whether the base reward can be claimed (and why not), the additions and reductions, units, cost, the user's charge and the amount claimed. Locking keeps the claim as the record of what was claimed.",
    ),
    (
        "claim.locked_notice",
        "請求を確定しました。",
        "The claim is locked.",
    ),
    (
        "claim.settings_link",
        "地域区分・体制の届出を変更する",
        "Change the area grade and filed arrangements",
    ),
    ("claim.master_link", "請求マスタ", "Claim master data"),
    ("claim.terms", "この月の条件", "This month's terms"),
    (
        "claim.rate",
        "就労定着率と基本報酬",
        "Retention rate and base reward",
    ),
    ("claim.fiscal_year_suffix", "年度", " fiscal year"),
    ("claim.units_suffix", "単位", " units"),
    ("claim.rate_filed", "届出の値", "as filed"),
    (
        "claim.rate_frozen",
        "年度で固定（この年度に初めて確定した月）：",
        "fixed for the fiscal year (first locked month):",
    ),
    (
        "claim.rate_records_differ",
        "確定後に記録が訂正されています（見直してください。今年度の区分は変わりません）。今の記録から計算すると：",
        "The records were corrected after the rate was fixed (review them; this fiscal year's tier does not change). Computed from today's records:",
    ),
    (
        "claim.showing_locked",
        "この月は確定済みです。下の表は確定した内容のままです。版：",
        "This month is locked. The table below is the claim as locked. Version:",
    ),
    ("claim.diff.title", "今計算し直すと変わる点", "If run now"),
    (
        "claim.diff.intro",
        "確定した請求は変わりません。確定後に記録や条件が変わったため、今計算すると次の点が違います。請求し直すときは理由を書いて新しい版として確定してください。",
        "The locked claim does not change. The records or terms changed after locking; run now, the claim would differ as follows. To claim again, lock a new version with the reason.",
    ),
    ("claim.diff.locked", "確定した内容", "As locked"),
    ("claim.diff.now", "今計算すると", "If run now"),
    ("claim.diff.why", "理由", "Why"),
    ("claim.diff.absent", "（対象外）", "(not in the month)"),
    ("claim.diff.now_blocked", "新たに：", "Now:"),
    ("claim.diff.cleared", "解消：", "No longer:"),
    (
        "claim.diff.line_locked",
        "確定時のみ：",
        "Only when locked:",
    ),
    ("claim.diff.line_now", "今のみ：", "Only now:"),
    (
        "claim.diff.rate",
        "就労定着率または基本報酬の区分",
        "The retention rate or the base reward tier",
    ),
    ("claim.diff.area_grade", "地域区分", "The area grade"),
    ("claim.diff.unit_price", "単位数単価", "The unit price"),
    (
        "claim.diff.settings",
        "体制の届出（加算・減算）",
        "The filed arrangements",
    ),
    (
        "claim.cap_blocked",
        "次の利用者の上限額管理結果が未入力か合わないため、確定できません。",
        "The month cannot be locked: these clients' cap management results are missing or do not fit.",
    ),
    ("claim.claimed_by", "請求済みの事業所：", "Claimed by:"),
    (
        "claim.rate_computed",
        "記録から計算（届出なし）",
        "computed from the records (not filed)",
    ),
    (
        "claim.rate_none",
        "就労定着率がありません（過去3年度の利用者がいないか、届出がありません）。",
        "No retention rate (no clients in the past 3 fiscal years, and none filed).",
    ),
    (
        "claim.rate_link",
        "就労定着率を確認する",
        "Check the retention rate",
    ),
    ("claim.unit_price", "単位数単価", "Unit price"),
    ("claim.yen", "円", " yen"),
    ("claim.area_grade", "地域区分", "Area grade"),
    (
        "claim.no_unit_price",
        "この地域区分の単位数単価がマスタにありません。",
        "The master data has no unit price for this area grade.",
    ),
    (
        "claim.settings",
        "体制の届出（加算・減算）",
        "Filed arrangements (additions, reductions)",
    ),
    (
        "claim.unconfirmed_rules",
        "この月の請求は、出典で確認されていない次の取り扱いを使っています。請求の前に市町村・告示・通知で確認してください。",
        "This month's claim applies the following rules that no primary source confirms. Check them with the municipality and the official notices before filing.",
    ),
    (
        "claim.rule.municipality_check_digit",
        "市町村番号の検査数字（モジュラス10・ウェイト2-1）は公表番号からの推定です。",
        "The municipality number's check digit (modulus 10, weights 2-1) is inferred from published numbers.",
    ),
    (
        "claim.rule.report_shared_next_month",
        "支援レポートを翌月に本人へ共有した月も、基本報酬を算定しています。",
        "A month whose report was shared with the client in the following month is still claimed.",
    ),
    (
        "claim.rule.rate_without_history",
        "3年度分の実績がない事業所の就労定着率を、ある年度分の記録から計算しています（新規事業所の扱いは未確認）。",
        "The retention rate of an office without 3 fiscal years of history is computed from the years it has (the rule for new offices is unconfirmed).",
    ),
    (
        "claim.rule.rounding_after_each_reduction",
        "減算は1つごとに単位数を四捨五入してから次の減算をしています。",
        "Each reduction is rounded half up to whole units before the next one.",
    ),
    (
        "claim.rule.service_days_as_contact_days",
        "明細書の利用日数は、支援記録のある日数としています。",
        "The days of use in the statement are the days with a support contact.",
    ),
    (
        "claim.rule.support_system_per_client",
        "支援体制構築未実施減算を、利用者ごとの引き継ぎ記録から判断しています（指針・責任者の要件は記録していません）。",
        "The reduction for no support system is decided per client from the hand-over records (the policy and responsible-person conditions are not recorded).",
    ),
    (
        "claim.rule.setting_part_of_month",
        "月の途中で始まる・終わる体制の届出（例: 5日に終了）を、その月全体に適用しています。",
        "A filed arrangement that starts or ends during the month (e.g. ending on the 5th) counts for the whole month.",
    ),
    (
        "claim.unconfirmed",
        "次のマスタは出典で確認されていません。請求の前に告示・通知で確認してください。",
        "These master figures are not confirmed by a primary source. Check them against the official notices before filing.",
    ),
    ("claim.clients", "利用者ごとの請求", "Per client"),
    (
        "claim.served",
        "支援期間中の利用者",
        "Clients in their service period",
    ),
    ("claim.claimable", "算定できる", "Claimable"),
    (
        "claim.none",
        "この月に支援期間中の利用者はいません。",
        "No clients were in their service period this month.",
    ),
    ("claim.col_client", "利用者", "Client"),
    ("claim.col_base", "基本報酬", "Base reward"),
    ("claim.col_lines", "内訳（単位）", "Lines (units)"),
    ("claim.col_units", "単位数", "Units"),
    ("claim.col_cost", "総費用額（円）", "Total cost (yen)"),
    (
        "claim.col_user",
        "利用者負担額（円）",
        "User's charge (yen)",
    ),
    ("claim.col_claimed", "請求額（円）", "Claimed (yen)"),
    ("claim.col_municipality", "市町村", "Municipality"),
    ("claim.col_count", "人数", "Clients"),
    ("claim.col_version", "版", "Version"),
    ("claim.col_locked", "確定", "Locked"),
    ("claim.col_exports", "出力", "Exports"),
    ("claim.base_ok", "算定できます", "Claimable"),
    ("claim.base_ng", "算定できません", "Not claimable"),
    ("claim.cap", "上限月額", "Monthly cap"),
    (
        "claim.cap_result_link",
        "上限額管理結果を入力",
        "Enter the cap management result",
    ),
    (
        "claim.totals",
        "合計（市町村ごと・事業所）",
        "Totals (per municipality, office)",
    ),
    ("claim.office_total", "事業所の合計", "Office total"),
    (
        "claim.file_check",
        "国保連ファイルの点検",
        "Claim file check",
    ),
    (
        "claim.file_ok",
        "問題は見つかりませんでした。",
        "No problems found.",
    ),
    (
        "claim.file_problems",
        "国保連ファイルを作る前に、次の点を直してください。",
        "Fix these before the claim file can be made.",
    ),
    (
        "claim.problems_title",
        "国保連ファイルを作れません",
        "The claim file cannot be made",
    ),
    ("claim.versions", "確定した請求", "Locked claims"),
    (
        "claim.no_versions",
        "この月の請求はまだ確定していません。",
        "This month's claim is not locked yet.",
    ),
    ("claim.newest", "最新", "newest"),
    ("claim.processing_month", "処理対象年月", "Processing month"),
    ("claim.export_csv", "請求一覧（CSV）", "Claim list (CSV)"),
    (
        "claim.export_invoices",
        "請求書・領収書（印刷用）",
        "Invoices and receipts (print)",
    ),
    (
        "claim.export_kokuho",
        "国保連請求ファイル（J11）",
        "Claim file for the 国保連 (J11)",
    ),
    (
        "claim.purpose.label",
        "用途（記録されます）",
        "Purpose (recorded)",
    ),
    (
        "claim.purpose.claim",
        "国保連への請求",
        "Sending the claim to the 国保連",
    ),
    (
        "claim.purpose.check",
        "事業所内の確認",
        "Checking inside the office",
    ),
    (
        "claim.purpose.inspection",
        "指導監査・自治体への提出",
        "An inspection or a municipality's request",
    ),
    (
        "claim.purpose.clients",
        "利用者への請求書・領収書の交付",
        "Invoices and receipts for clients",
    ),
    (
        "claim.purpose.missing",
        "利用者の氏名を含むファイルです。用途を選んでから出力してください（監査ログに記録されます）。",
        "These files carry clients' names: choose the purpose first (it is recorded in the audit log).",
    ),
    (
        "claim.export_cap",
        "上限額管理結果票ファイル（J41）",
        "Cap management file (J41)",
    ),
    ("claim.lock_title", "請求を確定する", "Lock the claim"),
    (
        "claim.lock_intro",
        "確定すると、いまの内容が請求の記録になり、CSV・請求書・国保連ファイルを出力できます。",
        "Locking keeps the current content as the claim's record and makes the exports available.",
    ),
    (
        "claim.correct_intro",
        "確定後に記録が変わりました。月遅れ・返戻などで請求し直すときは、理由を書いて新しい版として確定します。前の版はそのまま残ります。",
        "The records changed after locking. To claim again (late claim, returned claim), give the reason and lock a new version. Earlier versions are kept.",
    ),
    (
        "claim.unchanged",
        "最新の確定版と同じ内容です。",
        "Same as the newest locked version.",
    ),
    ("claim.lock", "この内容で確定する", "Lock this claim"),
    (
        "claim.lock_correction",
        "新しい版として確定する",
        "Lock as a new version",
    ),
    (
        "claim.err.stale",
        "ほかの人がこの月の請求を確定しました。内容を確かめてからもう一度操作してください。",
        "Someone else locked this month meanwhile. Check the claim and try again.",
    ),
    (
        "claim.err.unchanged",
        "最新の確定版と同じ内容なので、新しい版は作れません。",
        "Nothing changed since the newest locked version.",
    ),
    (
        "claim.err.reason_required",
        "訂正の理由を書いてください（例：返戻による再請求）。",
        "Give the reason for the correction (e.g. a returned claim).",
    ),
    (
        "claim.err.cap_issue",
        "上限額管理結果が未入力か、合わない利用者がいます。入力してから確定してください。",
        "A client's cap management result is missing or does not fit. Enter it before locking.",
    ),
    ("field.claim_lock", "確定", "Lock"),
    (
        "field.claim_reason",
        "訂正の理由",
        "Reason for the correction",
    ),
    (
        "field.retained",
        "就労定着者数（分子）",
        "Clients retained (numerator)",
    ),
    (
        "field.served",
        "過去3年度の利用者数（分母）",
        "Clients served in the past 3 fiscal years (denominator)",
    ),
    ("claim.item.base", "基本報酬", "Base reward"),
    ("claim.item.unit_price", "単位数単価", "Unit price"),
    (
        "claim.item.service_kind",
        "サービス種類コード",
        "Service kind code",
    ),
    (
        "claim.item.regional_meeting",
        "地域連携会議実施加算",
        "Regional liaison meeting addition",
    ),
    (
        "claim.item.regional_meeting_1",
        "地域連携会議実施加算（Ⅰ）",
        "Regional liaison meeting addition (I)",
    ),
    (
        "claim.item.regional_meeting_2",
        "地域連携会議実施加算（Ⅱ）",
        "Regional liaison meeting addition (II)",
    ),
    ("claim.item.initial", "初期加算", "Initial addition"),
    (
        "claim.item.retention_record",
        "就労定着実績体制加算",
        "Retention record addition",
    ),
    (
        "claim.item.job_coach",
        "職場適応援助者養成研修修了者配置体制加算",
        "Job coach staffing addition",
    ),
    (
        "claim.item.cap_management",
        "利用者負担上限額管理加算",
        "Cap management addition",
    ),
    (
        "claim.item.no_support_system",
        "支援体制構築未実施減算",
        "Reduction: hand-over support not arranged",
    ),
    (
        "claim.item.abuse_prevention",
        "虐待防止措置未実施減算",
        "Reduction: abuse prevention measures missing",
    ),
    (
        "claim.item.no_bcp",
        "業務継続計画未策定減算",
        "Reduction: no business continuity plan",
    ),
    (
        "claim.item.info_not_published",
        "情報公表未報告減算",
        "Reduction: information not published",
    ),
    (
        "claim.item.base_95",
        "基本報酬（9割5分以上）のサービスコード",
        "Service code: base reward (95% or more)",
    ),
    (
        "claim.item.base_90",
        "基本報酬（9割以上）のサービスコード",
        "Service code: base reward (90% or more)",
    ),
    (
        "claim.item.base_80",
        "基本報酬（8割以上）のサービスコード",
        "Service code: base reward (80% or more)",
    ),
    (
        "claim.item.base_70",
        "基本報酬（7割以上）のサービスコード",
        "Service code: base reward (70% or more)",
    ),
    (
        "claim.item.base_50",
        "基本報酬（5割以上）のサービスコード",
        "Service code: base reward (50% or more)",
    ),
    (
        "claim.item.base_30",
        "基本報酬（3割以上）のサービスコード",
        "Service code: base reward (30% or more)",
    ),
    (
        "claim.item.base_10",
        "基本報酬（1割以上）のサービスコード",
        "Service code: base reward (10% or more)",
    ),
    (
        "claim.item.base_0",
        "基本報酬（最下位）のサービスコード",
        "Service code: base reward (lowest tier)",
    ),
    (
        "claim.blocker.claimed_elsewhere",
        "同じ受給者証のこの月は、ほかの事業所が請求済みです（1人・1か月・1事業所）",
        "Another office already claimed this month for the same certificate (one office per person and month)",
    ),
    (
        "claim.blocker.no_certificate",
        "この月に有効な受給者証（支給決定期間）がありません",
        "No valid certificate period this month",
    ),
    (
        "claim.blocker.no_contract",
        "この月に有効な契約がありません",
        "No contract covering this month",
    ),
    (
        "claim.blocker.no_face_to_face",
        "この月に対面での支援がありません",
        "No face-to-face contact this month",
    ),
    (
        "claim.blocker.report_not_shared",
        "この月の支援レポートが確定・本人に共有されていません",
        "This month's report is not finalised and shared with the client",
    ),
    (
        "claim.blocker.report_not_final",
        "この月の支援レポートが確定していません",
        "This month's report is not finalised",
    ),
    (
        "claim.blocker.no_prior_service",
        "対象となる障害福祉サービスの利用歴がありません（就労定着支援の対象外）",
        "No qualifying prior welfare service (not eligible for this service)",
    ),
    (
        "claim.blocker.not_ordinary",
        "最初の就職が通常の事業所への雇用ではありません（就労定着支援の対象外）",
        "The first job is not ordinary employment (not eligible for this service)",
    ),
    (
        "claim.blocker.met_without_client",
        "この月の対面・職場訪問に本人が参加していません（上司などとの面談だけでは本人に会ったことになりません）",
        "The client took part in none of this month's face-to-face contacts or workplace visits (meeting the supervisor alone is not meeting the client)",
    ),
    (
        "claim.blocker.met_on_uncovered_day",
        "本人と対面した日が、受給者証・契約・支援期間のすべてが有効な日ではありません",
        "The client was not met on a day that the certificate, the contract and the service period all cover",
    ),
    (
        "claim.blocker.no_tier",
        "就労定着率（基本報酬の区分）がありません",
        "No retention rate (base reward tier)",
    ),
    (
        "claim.blocker.no_unit_price",
        "単位数単価がありません",
        "No unit price",
    ),
    (
        "claim.cap.result_missing",
        "上限額管理結果票が未入力です",
        "The cap management result is not entered",
    ),
    (
        "claim.cap.own_result_missing",
        "この事業所が上限額管理事業所です。上限額管理結果が未入力です。",
        "This office manages the cap and the month's result is not entered.",
    ),
    (
        "claim.cap.amount_too_high",
        "管理結果の金額が1割相当額・上限月額を超えています",
        "The result's amount is more than 10% or the cap",
    ),
    (
        "claim.skipped.year_limit",
        "今年度はすでに4回算定しています",
        "Already claimed 4 times this fiscal year",
    ),
    (
        "claim.skipped.no_rate",
        "マスタに単位数がありません",
        "No figure in the master data",
    ),
    ("csv.municipality_code", "市町村番号", "Municipality number"),
    ("csv.municipality_name", "市町村名", "Municipality"),
    (
        "csv.certificate_number",
        "受給者証番号",
        "Certificate number",
    ),
    ("csv.name", "氏名", "Name"),
    ("csv.claimable", "算定", "Claimable"),
    ("csv.reason", "算定できない理由", "Why not claimable"),
    ("csv.lines", "内訳", "Lines"),
    ("csv.units", "単位数", "Units"),
    ("csv.total_cost", "総費用額", "Total cost"),
    ("csv.ten_percent", "1割相当額", "10% of cost"),
    ("csv.cap", "負担上限月額", "Monthly cap"),
    ("csv.user_charge", "利用者負担額", "User's charge"),
    ("csv.claimed", "請求額", "Claimed"),
    ("csv.yes", "可", "yes"),
    ("csv.no", "不可", "no"),
    ("csv.total", "合計", "Total"),
    ("invoice.title", "請求書・領収書", "Invoices and receipts"),
    (
        "invoice.none",
        "この版に請求できる利用者はいません。",
        "No claimable clients in this version.",
    ),
    (
        "invoice.heading",
        "利用者負担額 請求書",
        "Invoice for the user's charge",
    ),
    ("invoice.honorific", "様", "(addressee)"),
    ("invoice.month", "サービス提供月", "Month of service"),
    ("invoice.service", "サービス", "Service"),
    (
        "invoice.service_name",
        "就労定着支援",
        "Employment retention support",
    ),
    (
        "invoice.total_cost",
        "サービスにかかった費用",
        "Cost of the service",
    ),
    ("invoice.cap", "負担上限月額", "Monthly cap"),
    (
        "invoice.amount",
        "ご請求額（利用者負担額）",
        "Amount due (your charge)",
    ),
    (
        "invoice.public",
        "市町村から支払われる額",
        "Paid by the municipality",
    ),
    ("invoice.issued", "発行日", "Issued on"),
    (
        "invoice.note",
        "費用の1割（上限月額まで）をご負担いただきます。残りは市町村が支払います。",
        "You pay 10% of the cost, up to your monthly cap. The municipality pays the rest.",
    ),
    ("receipt.heading", "領収書", "Receipt"),
    ("receipt.amount", "金額", "Amount"),
    ("receipt.for", "但し", "For"),
    ("receipt.date", "受領日", "Received on"),
    ("receipt.seal", "印", "(seal)"),
    ("retention.title", "就労定着率", "Retention rate"),
    (
        "retention.intro",
        "就労定着率は、過去3年度に就労定着支援を利用した人のうち、前年度末（3月31日）に働き続けている人の割合です。1か月以内に再就職した転職は、1回まで働き続けているものとして数えます。この割合で年度の基本報酬の区分が決まります。",
        "The share of the people served in the past 3 fiscal years who were still working on 31 March of the previous year. A change of job with re-employment within a month counts as still working, once. The rate sets the base reward tier for the fiscal year.",
    ),
    (
        "retention.in_force",
        "この年度に使う値",
        "Used this fiscal year",
    ),
    (
        "retention.computed",
        "記録から計算した値",
        "Computed from the records",
    ),
    ("retention.basis", "対象期間", "Period"),
    (
        "retention.review_clients",
        "年度の就労定着率を固定した後に状況が変わった利用者（見直してください）",
        "Clients whose standing changed after the year's rate was fixed (review)",
    ),
    ("retention.when_fixed", "固定した時", "When fixed"),
    ("retention.records_now", "今の記録", "Records now"),
    ("retention.not_counted", "（対象外）", "(not counted)"),
    ("retention.as_of", "判定日", "Judged on"),
    (
        "retention.clients",
        "分母の利用者と判定",
        "Clients in the denominator",
    ),
    ("retention.standing", "判定日の状況", "On the day"),
    ("retention.counted", "数え方", "Counted as"),
    (
        "retention.numerator",
        "分子・分母",
        "numerator and denominator",
    ),
    ("retention.denominator_only", "分母のみ", "denominator only"),
    (
        "retention.none_served",
        "過去3年度に契約のある利用者がいません。",
        "No clients had a contract in the past 3 fiscal years.",
    ),
    (
        "retention.next",
        "来年度の見込み",
        "Next fiscal year, in advance",
    ),
    ("retention.next_note", "判定日", "Judged on"),
    (
        "retention.file_title",
        "届出の値を記録する",
        "Record the filed rate",
    ),
    (
        "retention.file_intro",
        "都道府県に届け出た値を記録すると、この年度の請求はその値を使います。記録がないときは、記録から計算した値を使います。",
        "Record the figures filed with the prefecture; the year's claims then use them. Without a filing, the computed rate is used.",
    ),
    ("retention.file", "記録する", "Record"),
    (
        "retention.err.none_served",
        "利用者数は1以上にしてください。",
        "The number served must be at least 1.",
    ),
    (
        "retention.err.more_than_served",
        "就労定着者数は利用者数以下にしてください。",
        "Retained cannot be more than served.",
    ),
    ("retention.standing.employed", "在職", "Employed"),
    (
        "retention.standing.changed_job",
        "在職（転職1回・1か月以内に再就職）",
        "Employed (one change of job within a month)",
    ),
    (
        "retention.standing.between_jobs",
        "転職中（1か月以内に再就職）",
        "Between jobs (re-employed within a month)",
    ),
    ("retention.standing.left", "離職", "Left work"),
    (
        "retention.standing.chain_broken",
        "離職（2回目の転職または1か月を超える空白）",
        "Left (a second change of job, or a gap over a month)",
    ),
    (
        "retention.standing.change_not_counted",
        "離職（転職ではない離職、または通常の事業所以外への就職）",
        "Left (not a change of job, or the next work is not ordinary employment)",
    ),
    (
        "retention.standing.not_hired",
        "判定日に未就職",
        "Not yet employed on the day",
    ),
    // The confirmation before a lock (web::confirm).
    ("claim.confirm_title", "請求の確定", "Lock the claim"),
    (
        "claim.confirm_lead",
        "{month} の請求を確定します。確定する内容を確かめてください。",
        "You are locking the claim for {month}. Please check what it will hold.",
    ),
    ("claim.confirm_month", "対象月", "Month"),
    ("claim.confirm_claimable", "算定できる", "Claimable"),
    (
        "claim.confirm_people",
        "{n} / {of} 人",
        "{n} of {of} clients",
    ),
    ("claim.confirm_problems", "{n} 件", "{n} problems"),
    ("claim.confirm_version", "第{n}版", "version {n}"),
    (
        "claim.confirm_samples_label",
        "サービスコード",
        "Service codes",
    ),
    (
        "claim.confirm_warning",
        "確定した版は変更できません。あとで直すときは、訂正の理由を書いて新しい版を確定します。",
        "A locked version cannot be changed. To correct it later, you lock a new version with the reason.",
    ),
    (
        "claim.confirm_button",
        "この内容で請求を確定する",
        "Lock this claim",
    ),
    (
        "claim.samples",
        "この請求には見本（デモ用の架空）のサービスコードが入っています。国保連には送らないでください。",
        "This claim uses sample (made-up, demo) service codes. Do not send it to the 国保連.",
    ),
    (
        "retention.confirm_title",
        "就労定着率の届出の記録",
        "Record the filed rate",
    ),
    (
        "retention.confirm_lead",
        "{fy}年度の就労定着率を届出（体制届）として記録します。この年度の請求はこの率を使います。",
        "You are recording the rate filed for fiscal year {fy}. Every claim of that year uses it.",
    ),
    (
        "retention.confirm_warning",
        "記録した届出は、その年度の基本報酬の区分を決めます。届け出た数と同じか確かめてください。",
        "The recorded filing decides the year's base reward tier. Check it matches what was filed.",
    ),
    (
        "retention.confirm_button",
        "この内容で記録する",
        "Record this filing",
    ),
    (
        "claim.ask_admin",
        "請求マスタは法人の管理者が直します",
        "The claim master is fixed by the administrator",
    ),
    ("claim.confirm_claimed", "請求額", "Amount claimed"),
];

#[cfg(test)]
mod tests {
    use crate::domain::claim::UnconfirmedRule;
    use crate::domain::client_month::Unmet;
    use crate::domain::rules::eligibility::Reason;
    use crate::i18n::Lang;

    /// Keys built at run time from the claim's rules and the month's unmet conditions.
    #[test]
    fn every_rule_and_condition_has_both_messages() {
        let mut keys: Vec<String> = UnconfirmedRule::ALL.iter().map(|r| r.key()).collect();
        for u in [
            Unmet::NotEligible(Reason::NoQualifyingPriorService),
            Unmet::NotEligible(Reason::NotOrdinaryEmployment),
            Unmet::NoCertificate,
            Unmet::NoContract,
            Unmet::NoFaceToFace,
            Unmet::MetWithoutClient,
            Unmet::MetOnUncoveredDay,
            Unmet::ReportNotFinal,
            Unmet::ReportNotShared,
        ] {
            keys.push(u.claim_key().to_string());
            keys.push(u.month_key().to_string());
        }
        keys.push("month.item.handover_late".into());
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| Lang::Ja.get(k).is_none() || Lang::En.get(k).is_none())
            .collect();
        assert!(missing.is_empty(), "missing messages: {missing:?}");
        for r in UnconfirmedRule::ALL {
            assert_eq!(UnconfirmedRule::parse(r.code()), Some(r));
        }
    }
}
