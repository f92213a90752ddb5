//! Messages of the client import (issue 15, item 1): (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("import.title", "利用者の取り込み", "Import clients"),
    (
        "import.nav",
        "Excel・CSVから取り込む",
        "Import from Excel or CSV",
    ),
    (
        "import.back_to_clients",
        "利用者一覧へ戻る",
        "Back to the clients",
    ),
    (
        "import.step_upload",
        "1. ファイルを選ぶ",
        "1. Choose a file",
    ),
    (
        "import.intro",
        "Excel（.xlsx）かCSVの利用者の一覧から、利用者・就労・受給者証・契約をまとめて登録します。1行が1人です。次の画面で列の割り当てとすべての行の確認をしてから取り込みます。受給者証番号がすでに登録されている行は変更しないので、同じファイルをもう一度取り込んでも重複しません。",
        "Adds clients with their employment, certificate and contract from a list in Excel (.xlsx) or CSV, one client per row. You map the columns and check every row before anything is imported. A row whose certificate number is already registered is left as it is, so importing the same file again adds nothing twice.",
    ),
    (
        "import.template",
        "ひな形（CSV）をダウンロード",
        "Download the template (CSV)",
    ),
    (
        "import.columns_summary",
        "取り込める列と書き方",
        "The columns and how to write them",
    ),
    (
        "import.formats",
        "日付は 2025-04-01、2025/4/1、令和7年4月1日、R7.4.1 のほか、Excelの日付（シリアル値）でも読めます。全角の数字も読めます。障害種別は「精神、発達」のように複数書けます。所得区分は 生活保護・低所得・一般1・一般2 で、負担上限月額は受給者証のとおりに書いてください。就労と契約の列は空でも構いません。",
        "Dates may be written 2025-04-01, 2025/4/1, in the Japanese era (令和7年4月1日, R7.4.1) or as Excel dates (serial numbers). Full-width digits are read. Several disability categories may be written in one cell, such as 精神 and 発達. The income category is 生活保護, 低所得, 一般1 or 一般2, and the monthly cap as written on the certificate. The employment and contract columns may be empty.",
    ),
    (
        "import.file",
        "取り込むファイル（.xlsx または .csv）",
        "File to import (.xlsx or .csv)",
    ),
    (
        "import.file_hint",
        "CSVはUTF-8でもShift_JIS（Excelの既定）でも構いません。パスワードは外してください。大きさの上限：",
        "CSV may be UTF-8 or Shift_JIS (Excel's default in Japan). Remove any password first. Largest size:",
    ),
    (
        "import.upload",
        "アップロードして確認する",
        "Upload and check",
    ),
    (
        "import.step_mapping",
        "2. 列の割り当て",
        "2. Map the columns",
    ),
    (
        "import.file_now",
        "取り込み中のファイル：",
        "File being imported:",
    ),
    (
        "import.mapping_intro",
        "ファイルの各列を、どの項目として取り込むか選んでください。選んだ割り当てはこの事業所で次に取り込むときにも使われます。",
        "Choose what each column of the file is. The choice is remembered for this office's next import.",
    ),
    (
        "import.mapping_has_problems",
        "割り当てを直してください",
        "Please correct the mapping",
    ),
    ("import.column", "列", "Column"),
    ("import.header", "見出し", "Header"),
    ("import.example", "2行目の値", "Value in row 2"),
    ("import.maps_to", "取り込む項目", "Imported as"),
    ("import.not_imported", "取り込まない", "Not imported"),
    (
        "import.unknown_column",
        "知らない見出しの列です。取り込まない列として扱います。",
        "A header this does not know: the column is not imported.",
    ),
    (
        "import.save_mapping",
        "この割り当てで確認する",
        "Check with this mapping",
    ),
    (
        "import.step_preview",
        "3. 確認して取り込む",
        "3. Check and import",
    ),
    (
        "import.preview_intro",
        "すべての行の結果です。問題のある行は取り込みません。ファイルを直してもう一度アップロードするか、問題のない行だけを取り込んでください。",
        "The result for every row. Rows with problems are not imported: correct the file and upload it again, or import only the rows without problems.",
    ),
    ("import.row", "行", "Row"),
    ("import.problem_rows", "問題のある行", "Rows with problems"),
    ("import.result", "結果", "Result"),
    ("import.problems", "問題", "Problems"),
    ("import.status.new", "新しく登録", "New"),
    (
        "import.status.exists",
        "登録済み（変更しない）",
        "Already registered (left as is)",
    ),
    (
        "import.status.invalid",
        "問題あり（取り込まない）",
        "Has problems (not imported)",
    ),
    (
        "import.run_valid",
        "問題のない行を1回で取り込む",
        "Import the rows without problems, all at once",
    ),
    (
        "import.run_none",
        "何も取り込まずにやめる",
        "Import nothing and stop",
    ),
    (
        "import.done_imported",
        "新しく登録した利用者：",
        "Clients added:",
    ),
    (
        "import.done_existing",
        "登録済みのため変更しなかった行：",
        "Rows already registered, left as they were:",
    ),
    (
        "import.done_invalid",
        "問題があり取り込まなかった行：",
        "Rows with problems, not imported:",
    ),
    (
        "import.err.no_file",
        "ファイルを選んでください。",
        "Please choose a file.",
    ),
    (
        "import.err.empty_file",
        "ファイルに行がありません。",
        "The file has no rows.",
    ),
    (
        "import.err.too_large",
        "ファイルが大きすぎます。1,000 KB までにしてください（行を分けて2回に分けて取り込めます）。",
        "The file is too large. The limit is 1,000 KB (split the rows into two files).",
    ),
    (
        "import.err.encrypted",
        "パスワード付きのファイルか、古い形式（.xls）のファイルです。Excelでパスワードを外し、.xlsx 形式で保存し直してください。",
        "The file has a password or is in the old .xls format. Remove the password in Excel and save it as .xlsx.",
    ),
    (
        "import.err.broken_xlsx",
        "Excelファイルとして読めませんでした。ファイルが壊れていないか確かめ、Excelで開いて保存し直してください。",
        "The file could not be read as an Excel workbook. Check that it is not damaged; open it in Excel and save it again.",
    ),
    (
        "import.err.encoding",
        "文字を読めませんでした。CSVはUTF-8かShift_JISで保存してください。",
        "The text could not be read. Save the CSV as UTF-8 or Shift_JIS.",
    ),
    (
        "import.err.missing_column",
        "この必須の項目に割り当てた列がありません",
        "no column is mapped to this required item",
    ),
    (
        "import.err.mapped_twice",
        "2つ以上の列に割り当てられています",
        "it is mapped to more than one column",
    ),
    (
        "import.err.duplicate_in_file",
        "同じ受給者証番号がファイルの上の行にもあります。",
        "The same certificate number is on an earlier row of the file.",
    ),
    (
        "import.err.municipality_check_digit",
        "市町村番号の最後の桁（検査数字）が合いません。受給者証を確かめてください。",
        "The last digit of the municipality number (its check digit) does not match. Please check the certificate.",
    ),
    (
        "import.err.cap_for_category",
        "負担上限月額が所得区分の額と違います（生活保護・低所得 0円、一般1 9,300円、一般2 37,200円）。受給者証を確かめてください。",
        "The monthly cap is not the income category's (welfare and low income 0 yen, general 1 9,300 yen, general 2 37,200 yen). Please check the certificate.",
    ),
];
