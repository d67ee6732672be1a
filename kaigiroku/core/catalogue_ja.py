"""The Japanese text of every message: English template (the key) → Japanese template.

Both hold the same ``{name}`` placeholders (tests/test_messages.py checks this, and that every
``say``/``say_n``/``term`` of the code has its entry here and no entry is left unused).
"""

from __future__ import annotations

JAPANESE: dict[str, str] = {
    # build.py: the summaries
    "this build would leave out {n} meeting that {out}/ publishes now: {keys}":
        "このビルドでは、{out}/ で今公開している会議{n}件が公開されなくなります：{keys}",
    "this build would publish no meeting at all": "このビルドでは公開する会議が1件もありません",
    "{what}; if that is intended, build again with --allow-withdraw":
        "{what}。そのつもりであれば --allow-withdraw を付けてもう一度ビルドしてください",
    "the content folder": "コンテンツのフォルダー",
    "the layouts": "レイアウト",
    "the policy file": "ポリシーファイル",
    "this program": "このプログラム",
    "its build cache": "このビルドのキャッシュ",
    "the built site": "ビルドしたサイト",
    "the build cache": "ビルドのキャッシュ",
    "{out}/ is up to date: nothing changed since the last build ({n} meeting)":
        "{out}/ は最新です：前回のビルドから変更はありません（会議{n}件）",
    "built {n} meeting into {out}/": "会議{n}件を {out}/ にビルドしました",
    "{n} withholding": "非公開箇所{n}件",
    "left out {n} draft: {keys}": "下書き{n}件は除外：{keys}",
    "{done} ({withheld}; {drafts})": "{done}（{withheld}、{drafts}）",
    "{done} ({withheld})": "{done}（{withheld}）",
    "checked {meetings}: {findings}, {warnings}": "{meetings}を確認しました：{findings}、{warnings}",
    "{n} meeting": "会議{n}件",
    "{n} finding to review": "要確認の検出{n}件",
    "{n} warning": "警告{n}件",
    "warning: {message}": "警告：{message}",
    "it lies inside {out}/": "{out}/ の中にあります",
    "the report holds withheld text and may not be written to {file}: {why}; write it to a private folder outside "
    "every built site and the content":
        "報告には非公開のテキストが含まれるため {file} には書き込めません（{why}）。ビルドしたサイトとコンテンツの外の、"
        "自分だけが読めるフォルダーに書き込んでください",
    "cannot write {file}: {problem}; check that its folder exists and is writable":
        "{file} に書き込めません：{problem}。フォルダーがあり、書き込めることを確かめてください",
    "wrote {n} ledger line to {file}": "台帳{n}行を {file} に書き込みました",
    "publishing replaces and removes files there; choose the web server's folder for the archive":
        "公開するとそこのファイルを置き換え、削除します。ウェブサーバーの会議録用のフォルダーを指定してください",
    "{meeting}: approved by {by} at {at} (edition {edition}, record {record})":
        "{meeting}：{by} が {at} に承認しました（版 {edition}、記録 {record}）",
    "{meeting}: already approved by {by} at {at} (edition {edition}, record {record})":
        "{meeting}：承認済みです（{by}、{at}。版 {edition}、記録 {record}）",
    "the preview holds withheld text and listens on 127.0.0.1 only, not {address}":
        "プレビューには非公開のテキストが含まれるため、127.0.0.1 でだけ待ち受けます（{address} は使えません）",
    "`{text}` is not a whole number": "`{text}` は整数ではありません",
    "{n} workers cannot build anything; use 1 or more (default: one per core)":
        "ワーカー{n}個ではビルドできません。1以上を指定してください（既定：コアごとに1つ）",
    "{n} is more than this machine can use; at most {most} (four per core)":
        "{n} はこのマシンで使える数を超えています。最大 {most} です（コアごとに4つ）",
    "{n} is not a port: use 1 to 65535, or 0 for a free one":
        "{n} はポート番号ではありません。1〜65535、または空いているポートを選ぶ 0 を指定してください",
    "--content {folder}: no such folder; give the folder that holds site.yaml and the council folders (default: content)":
        "--content {folder}：そのフォルダーはありません。site.yaml と会議体のフォルダーがあるフォルダーを指定してください"
        "（既定：content）",
    "{n} finding to review: mark it with {{redact:…}} or add it to allow_terms, then build again; nothing was written":
        "要確認の検出が{n}件あります。それぞれ {{redact:…}} で囲むか allow_terms に加えてから、もう一度ビルドしてください。"
        "何も書き込んでいません",
    "{n} error": "エラー{n}件",
    "{n} error; nothing was written": "エラー{n}件。何も書き込んでいません",
    "error: {message}": "エラー：{message}",
    "interrupted; every file on the target is whole, and the next publish finishes this one":
        "中断しました。公開先のファイルはどれも壊れていません。次の publish がこの公開を終えます",
    "interrupted; nothing was published": "中断しました。何も公開していません",

    # kaigiroku/content/loading.py: the content folder, site.yaml, _council.yaml, the front matter
    "the search page": "検索ページ",
    "the fiscal-year pages": "年度別のページ",
    "the search index": "検索インデックス",
    "the style sheets": "スタイルシート",
    "the open data": "オープンデータ",
    "the Atom feed": "Atom フィード",
    "the 404 page": "404 ページ",
    "content folder not found; pass --content DIR": "コンテンツのフォルダーがありません。--content DIR で指定してください",
    "council folder name `{name}` is not a slug: use lower-case ASCII letters, digits and hyphens (e.g. privacy-council)":
        "会議体のフォルダー名 `{name}` はスラッグではありません。半角の英小文字、数字、ハイフンを使ってください"
        "（例：privacy-council）",
    "council folder `{name}/` would take the output path `{name}/` of {what}: rename the folder":
        "会議体のフォルダー `{name}/` は{what}の出力先 `{name}/` と重なります。フォルダー名を変えてください",
    "file name `{name}` is not a meeting slug: use lower-case ASCII letters, digits and hyphens, e.g. 2014-02-10.md":
        "ファイル名 `{name}` は会議のスラッグではありません。半角の英小文字、数字、ハイフンを使ってください"
        "（例：2014-02-10.md）",
    "`{name}` is not read as a meeting: a meeting file's name ends in .md (rename it {stem}.md)":
        "`{name}` は会議として読まれません。会議ファイルの名前は .md で終わります（{stem}.md に変えてください）",
    "the meeting files in `{name}/` are not read: put them directly in {folder}/":
        "`{name}/` の中の会議ファイルは読まれません。{folder}/ の直下に置いてください",
    "a meeting file must be inside a council folder, e.g. content/privacy/2014-02-10.md":
        "会議ファイルは会議体のフォルダーの中に置いてください（例：content/privacy/2014-02-10.md）",
    "not UTF-8 text (byte {byte}); save the file as UTF-8":
        "UTF-8 のテキストではありません（{byte} バイト目）。UTF-8 で保存してください",
    "cannot read: {problem}": "読み込めません：{problem}",
    "unknown {what} key `{key}`: did you mean `{near}`? (expected one of {expected}, or a key starting with `x-` "
    "for your own use)":
        "{what}の知らないキー `{key}`：`{near}` のことですか？（使えるキー：{expected}。独自のキーは `x-` で始めます）",
    "unknown {what} key `{key}`; expected one of {expected} (or a key starting with `x-` for your own use)":
        "{what}の知らないキー `{key}`。使えるキー：{expected}（独自のキーは `x-` で始めます）",
    "site settings not found: create {file} with title, organization and base_url":
        "サイトの設定がありません。title、organization、base_url を書いた {file} を作ってください",
    "site.yaml needs `{key}` as text": "site.yaml には文字列の `{key}` が必要です",
    "base_url must be an absolute http(s) URL, e.g. https://www.city.example.lg.jp/kaigiroku/":
        "base_url は http(s) の絶対 URL にしてください（例：https://www.city.example.lg.jp/kaigiroku/）",
    "require_approval must be true or false": "require_approval は true か false にしてください",
    "unknown time zone `{zone}`; write an IANA name such as Asia/Tokyo":
        "知らないタイムゾーン `{zone}`。Asia/Tokyo のような IANA の名前を書いてください",
    "`{key}` in {file} must be text; put it in quotes": "{file} の `{key}` は文字列にしてください。引用符で囲みます",
    "council settings not found: create _council.yaml with `name:` (e.g. name: 個人情報保護運営審議会)":
        "会議体の設定がありません。`name:` を書いた _council.yaml を作ってください（例：name: 個人情報保護運営審議会）",
    "_council.yaml needs `name` as text": "_council.yaml には文字列の `name` が必要です",
    "`order` must be a whole number": "`order` は整数にしてください",
    "front matter": "フロントマター",
    "front matter needs `{key}`": "フロントマターに `{key}` が必要です",
    "`{key}` must be text; put it in quotes": "`{key}` は文字列にしてください。引用符で囲みます",
    "`title` is empty: give the meeting's title, e.g. 令和5年度第1回情報公開運営審議会":
        "`title` が空です。会議の題名を書いてください（例：令和5年度第1回情報公開運営審議会）",
    "`{key}` must be a list, one `- item` per line": "`{key}` はリストにしてください（1行に1つ `- 項目`）",
    "item {i} of `{key}` must be text": "`{key}` の{i}番目の項目は文字列にしてください",
    "`date` must be an ISO date such as 2014-02-10, not `{value}`":
        "`date` は 2014-02-10 のような ISO 形式の日付にしてください（`{value}` ではなく）",
    "`date` must be an ISO date such as 2014-02-10": "`date` は 2014-02-10 のような ISO 形式の日付にしてください",
    "`date` must be in the Meiji era or later (from {first}): the site shows dates in 和暦":
        "`date` は明治以降（{first} から）にしてください。サイトは日付を和暦で示します",
    '`{key}` must be a time in quotes, such as {key}: "18:30"':
        '`{key}` は引用符で囲んだ時刻にしてください（例：{key}: "18:30"）',
    "`public_attendance` must be true or false": "`public_attendance` は true か false にしてください",
    "`status` must be `published` or `draft`, not `{value}`":
        "`status` は `published` か `draft` にしてください（`{value}` ではなく）",
    "`status` must be `published` or `draft`": "`status` は `published` か `draft` にしてください",

    # redaction/engine.py and markup.py: the markers and the redaction's lists
    "a meeting file starts with front matter: a line `---`, the `key: value` lines, then another line `---`":
        "会議ファイルはフロントマターで始めます：`---` の行、`key: value` の行、もう一つの `---` の行",
    "private-use character U+{code} is not allowed in content; delete it":
        "私用領域の文字 U+{code} はコンテンツに使えません。削除してください",
    "more than {limit} redactions in one file: split the meeting":
        "1つのファイルの非公開箇所が{limit}を超えています。会議を分けてください",
    "`redact_terms` must map a category to a list of strings, e.g. `personal: [山田太郎]`":
        "`redact_terms` には非公開区分ごとに文字列のリストを書いてください（例：`personal: [山田太郎]`）",
    " in redact_terms": "（redact_terms）",
    "redact_terms `{category}` must be a list of non-empty strings":
        "redact_terms の `{category}` は空でない文字列のリストにしてください",
    "`allow_terms` must be a list of strings": "`allow_terms` は文字列のリストにしてください",
    "unknown redaction category `{category}`{where}: did you mean `{near}`? (one of {categories}, an item number "
    "such as 2号, or a label from the policy)":
        "知らない非公開区分 `{category}`{where}：`{near}` のことですか？（区分：{categories}。2号のような号の番号や"
        "ポリシーの名称でも指定できます）",
    "unknown redaction category `{category}`{where}; use one of {categories} (or an item number such as 2号, or a "
    "label from the policy)":
        "知らない非公開区分 `{category}`{where}。区分：{categories}（2号のような号の番号やポリシーの名称でも指定できます）",
    "another marker starts inside this one: the marker before it is missing its closing `}}`; write it as "
    "{{redact:CATEGORY|TEXT}} on one line":
        "このマーカーの中で別のマーカーが始まっています。前のマーカーの閉じる `}}` が抜けています。"
        "{{redact:CATEGORY|TEXT}} と1行で書いてください",
    "a single `}` inside a marker: end the marker with `}}` (one brace seems to be missing)":
        "マーカーの中に `}` が1つだけあります。マーカーは `}}` で閉じます（波かっこが1つ抜けているようです）",
    "a third `|` in a marker: write {{redact:CATEGORY|TEXT|NOTE}}, with no `|` in the NOTE":
        "マーカーに3つ目の `|` があります。{{redact:CATEGORY|TEXT|NOTE}} と書き、NOTE には `|` を入れません",
    "a block marker cannot stand in the front matter; use an inline {{redact:CATEGORY|TEXT}}":
        "ブロックのマーカーはフロントマターに置けません。行内の {{redact:CATEGORY|TEXT}} を使ってください",
    "blocks cannot be nested: close the block opened at line {line} with {{/redact}} before opening another":
        "ブロックは入れ子にできません。{line}行目で開いたブロックを {{/redact}} で閉じてから次を開いてください",
    "{{/redact}} closes no block: remove it, or open the block with {{redact:CATEGORY}} on its own line":
        "{{/redact}} が閉じるブロックがありません。削除するか、{{redact:CATEGORY}} だけの行でブロックを開いてください",
    "this block is never closed: add {{/redact}} on a line of its own where the withheld part ends":
        "このブロックは閉じられていません。非公開部分の終わりに {{/redact}} だけの行を加えてください",
    "empty TEXT in {{redact:CATEGORY|TEXT}}: put the withheld words after `|`, or remove the marker":
        "{{redact:CATEGORY|TEXT}} の TEXT が空です。`|` の後に非公開にする語句を書くか、マーカーを削除してください",
    "unclosed {{redact: the marker needs `|TEXT}}` on the same line; write it as {{redact:CATEGORY|TEXT}} on one "
    "line, or put a block opener {{redact:CATEGORY}} alone on its line":
        "{{redact: が閉じられていません。同じ行に `|TEXT}}` が必要です。{{redact:CATEGORY|TEXT}} と1行で書くか、"
        "ブロックを開く {{redact:CATEGORY}} を単独の行に置いてください",
    "{{/redact}} must stand alone on its line": "{{/redact}} は単独の行に置いてください",
    "this looks like a redaction marker but is not one, so its text would be published: write it with half-width "
    "{{ : | }} and no spaces, as {{redact:CATEGORY|TEXT}} (to show such text as it is, write \\{{)":
        "非公開のマーカーに似ていますがマーカーではないため、このテキストは公開されてしまいます。半角の {{ : | }} で"
        "空白を入れずに {{redact:CATEGORY|TEXT}} と書いてください（このような文字をそのまま示すには \\{{ と書きます）",

    # redaction: what the detectors find
    "possible {kind} {text} — mark it with {{redact:…}} or add it to allow_terms":
        "{kind}の可能性：{text}（{{redact:…}} で囲むか、allow_terms に加えてください）",
    "personal name": "人名",
    "bank account number": "口座番号",
    "street address": "住所",
    "age": "年齢",
    "date of birth": "生年月日",
    "e-mail address": "メールアドレス",
    "個人番号 (My Number)": "個人番号（マイナンバー）",
    "telephone number": "電話番号",
    "postal code": "郵便番号",
    "listed private person": "名簿の私人",
}
