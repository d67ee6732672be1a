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
    "the speakers' pages": "発言者のページ",
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
    "`speaker_style` must be one of {styles} (council: ○議長（山田太郎君）…; brackets: （総務課長）…)":
        "`speaker_style` は {styles} のいずれかにしてください（council: ○議長（山田太郎君）…、brackets: （総務課長）…）",
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

    # kaigiroku/content: approvals, new, the files a first meeting needs
    "an approval record holds exactly the text fields {fields}": "承認の記録は文字列の項目 {fields} だけを持ちます",
    "approvals": "承認の記録",
    "{file}: not published, never approved; review it in `python build.py serve`, then run "
    "`python build.py approve {meeting} --by NAME`":
        "{file}：公開しません（承認されていません）。`python build.py serve` で確認してから "
        "`python build.py approve {meeting} --by 氏名` を実行してください",
    "{file}: not published, changed since approval and {problem}; review it, then run "
    "`python build.py approve {meeting} --by NAME`":
        "{file}：公開しません（承認後に変更があり、{problem}）。確認してから "
        "`python build.py approve {meeting} --by 氏名` を実行してください",
    "{file}: taken down: this edition withholds text that its approved edition ({at}) shows; it is published again "
    "once approved (`python build.py approve {meeting} --by NAME`)":
        "{file}：公開を取り下げます。この版は、承認された版（{at}）が示している文字を非公開にしています。"
        "承認されると再び公開します（`python build.py approve {meeting} --by 氏名`）",
    "{file}: changed since approval; its approved edition ({at}) stays published until this one is approved "
    "(`python build.py approve {meeting} --by NAME`)":
        "{file}：承認後に変更があります。この版が承認されるまで、承認された版（{at}）を公開し続けます"
        "（`python build.py approve {meeting} --by 氏名`）",
    "its approved edition is not kept ({file} is missing)": "承認された版が保存されていません（{file} がありません）",
    "its approved edition ({file}) no longer loads": "承認された版（{file}）を読み込めなくなっています",
    "its approved edition ({file}) is not the edition that was approved":
        "承認された版（{file}）が、承認したときの版と一致しません",
    "no meeting `{meeting}`: expected the file {file}; name a meeting as COUNCIL/SLUG, e.g. privacy/2014-02-10":
        "会議 `{meeting}` はありません（ファイル {file} がありません）。会議は 会議体/スラッグ で指定します"
        "（例：privacy/2014-02-10）",
    "--by needs the name of the person who approves": "--by には承認する人の名前を指定してください",
    "the approval is recorded, but its edition cannot be kept in {file}: {problem}; run the same approve again once "
    "that can be written":
        "承認は記録しましたが、その版を {file} に保存できません：{problem}。書き込めるようにしてから同じ approve を"
        "もう一度実行してください",
    "`{text}` is not a meeting date: write it as 2014-02-10, or 2014-02-10-2 for a second meeting that day":
        "`{text}` は会議の日付ではありません。2014-02-10 のように書きます（同じ日の2回目は 2014-02-10-2）",
    "none yet": "まだありません",
    "`{slug}` is not a council folder name: use lower-case ASCII letters, digits and hyphens, e.g. privacy "
    "(councils so far: {known})":
        "`{slug}` は会議体のフォルダー名になりません。半角の英小文字、数字、ハイフンを使ってください（例：privacy。"
        "今ある会議体：{known}）",
    "{file} already exists and was left unchanged; for another meeting the same day run "
    "`python build.py new {council} {slug}`":
        "{file} はすでにあるため変更していません。同じ日の別の会議は `python build.py new {council} {slug}` で作ります",
    "cannot write {file}: {problem}": "{file} に書き込めません：{problem}",
    "wrote {file} ({date}, status: draft); edit it, then preview with `python build.py serve`":
        "{file} を作りました（{date}、status: draft）。編集してから `python build.py serve` でプレビューしてください",
    "created {file}: set the city's title, organization and base_url in it":
        "{file} を作りました：市のタイトル（title）、組織名（organization）、base_url を書いてください",
    "created {file}: check the council's name in it": "{file} を作りました：会議体の名前を確かめてください",
    "created {file}: write the council's name in it (e.g. 個人情報保護運営審議会)":
        "{file} を作りました：会議体の名前を書いてください（例：個人情報保護運営審議会）",
    "（{label}） at the start of a paragraph is not read as a speaker: a marker ends with a role such as 委員, 会長, "
    "課長, 係長 or 事務局 — write e.g. （{label}委員）, or put the text after the bracket on its own if this is not a "
    "speech":
        "段落の初めの（{label}）は発言者として読まれません。発言者の印は 委員、会長、課長、係長、事務局 などの役職で"
        "終わります。（{label}委員）のように書くか、発言でなければかっこの後の文を独立させてください",
    "speaker marker in {opening}…{closing} brackets: write it in round brackets, （{label}）":
        "発言者の印が {opening}…{closing} のかっこで書かれています。丸かっこで（{label}）と書いてください",
    "speaker marker is not closed: add ） after the role, e.g. （総務課長）本文":
        "発言者の印が閉じていません。役職の後に ） を加えてください（例：（総務課長）本文）",

    # kaigiroku/core: chained records, private places, progress, YAML
    "cannot read the {records}: {problem}; restore the file from version control":
        "{records}を読み込めません：{problem}。バージョン管理からファイルを戻してください",
    "not UTF-8 text (byte {byte}); restore the file from version control":
        "UTF-8 のテキストではありません（{byte} バイト目）。バージョン管理からファイルを戻してください",
    "does not match the record before it: a record was edited or removed":
        "が前の記録と一致しません。記録が編集されたか削除されています",
    "does not match the record: this line was edited": "が記録と一致しません。この行は編集されています",
    "cannot write {file}: {problem}; nothing was recorded": "{file} に書き込めません：{problem}。何も記録していません",
    "not a JSON record: {problem}; {records} are written by {writer} only":
        "JSON の記録ではありません：{problem}。{records}は {writer} だけが書きます",
    "a record is a JSON object": "記録は JSON のオブジェクトです",
    "a record holds its `prev` and `digest` as text": "記録は `prev` と `digest` を文字列で持ちます",
    "{records} chain broken: `{key}` {problem}; restore the file from version control":
        "{records}の連鎖が壊れています：`{key}` {problem}。バージョン管理からファイルを戻してください",
    "{folder} holds a built site": "{folder} にはビルドしたサイトがあります",
    "it lies inside the content folder {folder}": "コンテンツのフォルダー {folder} の中にあります",
    "load": "読み込み",
    "verify": "検証",
    "render": "ページ作成",
    "index": "検索索引",
    "publish": "公開",
    "{progress} done": "{progress} 完了",
    "control character U+{code} is not allowed in YAML; delete it": "制御文字 U+{code} は YAML に使えません。削除してください",
    "expected a mapping of `key: value` lines here": "ここには `key: value` の行が必要です",
    "invalid YAML: {problem}; check quoting and indentation": "YAML の誤り：{problem}。引用符と字下げを確かめてください",
    "invalid YAML: {problem}": "YAML の誤り：{problem}",
    "this value is used again through an alias (*name); write it out where it is needed":
        "この値は別名（*name）で再び使われています。必要な場所に書き出してください",
    "a key must be plain text, not a list or a mapping": "キーはリストや対応表ではなく、ただの文字列にしてください",
    "duplicate key `{key}`: keep only one": "キー `{key}` が重複しています。一つだけにしてください",

    # kaigiroku/content/jdate.py: dates and times as printed in minutes
    "no date found; expected a date such as 平成26年2月10日 or 2014年2月10日":
        "日付が見つかりません。平成26年2月10日 や 2014年2月10日 のような日付が必要です",
    "the meeting ends ({end}) before it starts ({start})": "会議の終了（{end}）が開始（{start}）より前になっています",
    "{era}0年 does not exist; the first year of an era is 元年": "{era}0年はありません。元号の最初の年は元年です",
    "{written} is not a date: {year}年{month}月 has no day {day}":
        "{written} は日付ではありません：{year}年{month}月に{day}日はありません",
    "{written} is not a date: there is no month {month}": "{written} は日付ではありません：{month}月はありません",
    "the years in {written} disagree: {year} and {alt}": "{written} の年が一致しません：{year}年と{alt}年",
    "{written} is not a date: {era} began on {first} ({era}元年{month}月{day}日)":
        "{written} は日付ではありません：{era}は {first}（{era}元年{month}月{day}日）に始まりました",
    "{written} is not a date: {era} ended on {last}; from {next_start} the era is {next_era}":
        "{written} は日付ではありません：{era}は {last} に終わりました。{next_start} からは{next_era}です",
    "{date} was a {actual}曜日, not a {written}曜日 as written; check the date and the weekday in the source":
        "{date} は{actual}曜日で、書かれている{written}曜日ではありません。元の文書の日付と曜日を確かめてください",
    "{time} is not a time: minutes go up to 59": "{time} は時刻ではありません：分は59までです",
    "{time} is not a time: hours go up to 23": "{time} は時刻ではありません：時は23までです",
    "{time} is not a time: with {period} the hour goes up to 12": "{time} は時刻ではありません：{period}の時は12までです",

    # kaigiroku/legacy: what the importer warns of and why it refuses a file
    "not a kind of file the importer reads ({ending})": "取り込みの対象ではない種類のファイルです（{ending}）",
    "no ending": "拡張子なし",
    "imported before, as {file} (the same file)": "取り込み済みです（{file}、同じファイル）",
    "cannot write {file}: {problem}; nothing was imported from this file":
        "{file} に書き込めません：{problem}。このファイルからは何も取り込んでいません",
    "no council for 「{name}」: add `{name}: SLUG` to the mapping file (--council-map), or import this file with "
    "--council SLUG":
        "「{name}」の会議体がありません。対応表のファイル（--council-map）に `{name}: SLUG` を加えるか、"
        "--council SLUG を付けてこのファイルを取り込んでください",
    "this meeting was imported from {source} a moment ago, as {file}: keep one of the two files, or pass --force to "
    "import the later one over it":
        "この会議は今 {source} から {file} として取り込んだところです。2つのファイルのどちらか一方を残すか、"
        "--force を付けて後のファイルで上書きしてください",
    "{file} already exists and holds this meeting; pass --force to overwrite it":
        "{file} はすでにあり、この会議が入っています。上書きするには --force を付けてください",
    "the imported meeting would not load: {message}": "取り込んだ会議は読み込めません：{message}",
    "council `{slug}` cannot be a folder of content/: use lower-case ASCII letters, digits and hyphens, and not a name "
    "the site uses itself":
        "会議体 `{slug}` は content/ のフォルダー名になりません。半角の英小文字、数字、ハイフンを使い、"
        "サイト自身が使う名前は避けてください",
    "cannot read the council mapping: {problem}": "会議体の対応表を読み込めません：{problem}",
    "the council must be a slug such as privacy": "会議体は privacy のようなスラッグで書いてください",
    "a council name must be text": "会議体の名前は文字列にしてください",
    "binary file, not a record: import the minutes as text (.txt), a web page (.html), a Word file (.docx) or a PDF":
        "バイナリのファイルで、会議録ではありません。会議録はテキスト（.txt）、ウェブページ（.html）、"
        "Word ファイル（.docx）または PDF で取り込んでください",
    "the page declares an unknown charset `{encoding}`: save it as UTF-8":
        "ページが知らない文字コード `{encoding}` を宣言しています。UTF-8 で保存してください",
    "not {encoding} text (byte 0x{byte}); save the file as UTF-8":
        "{encoding} のテキストではありません（バイト 0x{byte}）。ファイルを UTF-8 で保存してください",
    "not {encoding} text (byte 0x{byte}); it looks like Shift_JIS: save it as UTF-8 (e.g. iconv -f CP932 -t UTF-8)":
        "{encoding} のテキストではありません（バイト 0x{byte}）。Shift_JIS のようです。UTF-8 で保存してください"
        "（例：iconv -f CP932 -t UTF-8）",
    "private-use character U+{code} (外字?) shows differently on every computer: replace it by the intended character "
    "or 〓":
        "私用領域の文字 U+{code}（外字？）はコンピューターごとに違って表示されます。本来の文字か 〓 に置き換えてください",
    "character U+{code} cannot be published and was replaced by 〓: put in the intended character by hand":
        "文字 U+{code} は公開できないため 〓 に置き換えました。本来の文字を手で入れてください",
    "control character U+{code} removed: it is not text": "制御文字 U+{code} を削除しました。文字ではありません",
    "a Word 97–2003 file (.doc) or another old Office file: open it in Word and save it as a Word document (.docx), "
    "then import that":
        "Word 97–2003 のファイル（.doc）か、ほかの古い Office のファイルです。Word で開いて Word 文書（.docx）として"
        "保存し、それを取り込んでください",
    "the Word file cannot be opened ({why}): it is damaged or not a .docx; open it in Word and save it again":
        "Word ファイルを開けません（{why}）。壊れているか .docx ではありません。Word で開いて保存し直してください",
    ", ": "、",
    "{n} insertion": "挿入{n}件",
    "{n} deletion": "削除{n}件",
    "{n} move": "移動{n}件",
    "{n} format change": "書式の変更{n}件",
    "the Word file still holds tracked changes ({listed}): accept or reject every change (校閲 → 承諾 / 元に戻す), "
    "save, and import again; a draft's changes may hold what must not be published":
        "Word ファイルに変更履歴が残っています（{listed}）。すべての変更を承諾するか元に戻し（校閲 → 承諾 / 元に戻す）、"
        "保存してからもう一度取り込んでください。下書きの変更履歴には公開してはならないことが含まれているかもしれません",
    "the Word file holds {n} comment(s): delete them (校閲 → 削除 → ドキュメント内のすべてのコメントを削除), save, and "
    "import again; comments are notes of a draft":
        "Word ファイルにコメントが{n}件あります。削除して（校閲 → 削除 → ドキュメント内のすべてのコメントを削除）保存し、"
        "もう一度取り込んでください。コメントは下書きのメモです",
    "the Word file holds hidden text ({n} run(s)): show it (ホーム → 編集記号の表示), delete what must not be published "
    "or unhide it, and import again":
        "Word ファイルに隠し文字があります（{n}か所）。表示して（ホーム → 編集記号の表示）、公開してはならない部分を"
        "削除するか隠し文字を解除し、もう一度取り込んでください",
    "image not imported: add it by hand if it matters": "画像は取り込んでいません。必要なら手で加えてください",
    "image not imported; its description 「{alt}」 is kept: add it by hand if it matters":
        "画像は取り込んでいません（説明「{alt}」は残しています）。必要なら手で加えてください",
    "image not imported; its alt text 「{alt}」 is kept: add it by hand if it matters":
        "画像は取り込んでいません（代替テキスト「{alt}」は残しています）。必要なら手で加えてください",
    "{n} footnote(s) kept at the end of the minutes, their marks written （注1） …: check where they belong":
        "脚注{n}件を会議録の末尾に残し、その位置を （注1） …と書きました。正しい位置を確かめてください",
    "the PDF is encrypted (its author restricted copying or printing): save an unprotected copy, e.g. from the "
    "original Word file, and import that":
        "PDF が暗号化されています（作成者がコピーや印刷を制限しています）。元の Word ファイルなどから保護のない"
        "コピーを保存し、それを取り込んでください",
    "the PDF is encrypted and needs a password to open: save an unprotected copy, e.g. from the original Word file, "
    "and import that":
        "PDF が暗号化されていて、開くにはパスワードが必要です。元の Word ファイルなどから保護のないコピーを保存し、"
        "それを取り込んでください",
    "the PDF cannot be read ({why}): it is damaged or incomplete; open it in a PDF viewer and save it again, or import "
    "the original file":
        "PDF を読み込めません（{why}）。壊れているか不完全です。PDF ビューアーで開いて保存し直すか、元のファイルを"
        "取り込んでください",
    "the PDF holds no text": "PDF に文字がありません",
    "page {page} has no text, only an image (a scan?): the importer does not read text from images (no OCR); import "
    "the original Word file, or a PDF saved from it":
        "{page}ページには文字がなく、画像だけです（スキャン？）。画像から文字は読み取りません（OCR なし）。"
        "元の Word ファイルか、そこから保存した PDF を取り込んでください",
    "ruby (a reading set small above the text) 「{text}」 on page {page} was left out: add it in brackets after its "
    "word by hand if it matters":
        "{page}ページのルビ（文字の上に小さく付けた読み）「{text}」は取り込んでいません。必要なら手でその語の後に"
        "かっこで加えてください",
    "vertical or rotated text 「{text}」 on page {page} was left out: the importer reads horizontal lines only; add it "
    "by hand where it belongs":
        "{page}ページの縦書きまたは回転した文字「{text}」は取り込んでいません。横書きの行だけを読み取ります。"
        "必要な位置に手で加えてください",
    "page {page} is set vertically (縦書き): the importer reads horizontal text only; import the original Word file, "
    "or a PDF set horizontally":
        "{page}ページは縦書きです。横書きの文字だけを読み取ります。元の Word ファイルか、横書きの PDF を取り込んで"
        "ください",
    "no header found: a record starts with its header, as a table of 会議の名称, 開催日時 … (the text export's "
    "tab-separated rows, an HTML or Word table), or as lines: numbered headings (1 日時), `label：value` lines "
    "(日時：…) or 【日時】 headings; see docs/import.md":
        "会議概要（ヘッダー）が見つかりません。会議録は 会議の名称、開催日時 … の表（テキスト出力のタブ区切りの行、"
        "HTML や Word の表）か、番号付きの見出し（1 日時）、`項目：値` の行（日時：…）、【日時】 の見出しの行で"
        "始まります。docs/import.md を参照してください",
    "text before the header is kept at the top of the minutes: remove it there if it is not part of the record":
        "会議概要の前の文は会議録の冒頭に残しました。会議録の一部でなければ削除してください",
    "this paragraph stops mid-sentence and the next one starts a new block; if a page break split a sentence here, "
    "join it by hand":
        "この段落は文の途中で終わり、次の段落が新しいブロックになっています。改ページで文が分かれたのであれば、"
        "手でつなげてください",
    "{why}; the whole value is kept as `{name}`: check what was taken from it":
        "{why}。値の全体を `{name}` として残しました。取り出した内容を確かめてください",
    "{why}; the row is kept at the top of the minutes: move it to a front matter key by hand if it belongs there":
        "{why}。この行は会議録の冒頭に残しました。フロントマターの項目に当たるなら手で移してください",
    "header label 「{label}」 is not one of the front matter's": "会議概要の項目「{label}」はフロントマターの項目ではありません",
    "a second 「{label}」 row": "「{label}」の行が2つ目です",
    "the header gives no {label}: the meeting needs its `{required}`":
        "会議概要に{label}がありません。会議には `{required}` が必要です",
    "開催日時 「{value}」: {problem}": "開催日時「{value}」：{problem}",
    "開催日時 has text besides the date and times: 「{rest}」": "開催日時に日付と時刻以外の文があります：「{rest}」",
    "出席者 group 「{label}」 is neither members (委員) nor secretariat (事務局)":
        "出席者の区分「{label}」は委員でも事務局でもありません",
    "傍聴の可否 「{value}」 says more than {word}": "傍聴の可否「{value}」には{word}のほかにも書かれています",
    "傍聴の可否 「{value}」 is neither 可 nor 不可": "傍聴の可否「{value}」は可でも不可でもありません",
    "「{count}」 after the names, but {n} names are listed: check the list against the source":
        "名前の後に「{count}」とありますが、挙がっている名前は{n}人です。元の文書と照らし合わせてください",
    "not JSON minutes: {problem}": "JSON の会議録ではありません：{problem}",
    "JSON of a kind the importer does not read: expected the minutes API's meetingRecord or speechRecord, or "
    "{\"Date\", \"ProceedingTitle\", \"Proceeding\"}":
        "取り込みの対象ではない種類の JSON です。会議録 API の meetingRecord か speechRecord、または "
        "{\"Date\", \"ProceedingTitle\", \"Proceeding\"} の形が必要です",
    "the JSON holds no sitting": "JSON に会議が1件もありません",
    "the sitting's date 「{text}」 cannot be read: {problem}": "会議の日付「{text}」を読み取れません：{problem}",
    "the sitting's 日時 「{when}」 cannot be read: {problem}": "会議の日時「{when}」を読み取れません：{problem}",

    # kaigiroku/legacy/report.py: the import report
    "would create {file}: set the city's title, organization and base_url in it":
        "{file} を作ります：市のタイトル（title）、組織名（organization）、base_url を書いてください",
    "would create {file}: check the council's name and description": "{file} を作ります：会議体の名前と説明を確かめてください",
    "created {file}: check the council's name and description": "{file} を作りました：会議体の名前と説明を確かめてください",
    "next: decide each finding above in the files (or in `python build.py serve`), then run `python build.py check`":
        "次に：上の検出をファイルで（または `python build.py serve` で）一つずつ判断してから、`python build.py check` を"
        "実行してください",
    "next: review the imported minutes in `python build.py serve`, then run `python build.py check`":
        "次に：取り込んだ会議録を `python build.py serve` で確認してから、`python build.py check` を実行してください",
    "refused   {file}: {message} (and {n} more error above)": "取り込めません   {file}：{message}（ほかにエラー{n}件、上に表示）",
    "refused   {file}: {message}": "取り込めません   {file}：{message}",
    "skipped   {file}: {why}": "とばしました   {file}：{why}",
    "would import  {file} → {written}  ({found})": "取り込みます  {file} → {written}  （{found}）",
    "imported  {file} → {written}  ({found})": "取り込みました  {file} → {written}  （{found}）",
    "no findings of the detectors; still review the file before approving it":
        "自動検出による指摘はありません。それでも承認の前にファイルを確認してください",
    "{n} finding to decide: mark it with {{redact:…}} or add it to allow_terms, then run `python build.py check`":
        "判断が必要な検出{n}件：それぞれ {{redact:…}} で囲むか allow_terms に加えてから、`python build.py check` を"
        "実行してください",
    "{n} file": "ファイル{n}件",
    "{n} finding to decide": "判断が必要な検出{n}件",
    "{files}: {imported} to import, {skipped} skipped, {refused} refused; {findings}; dry run: nothing was written":
        "{files}：取り込み予定{imported}件、とばす{skipped}件、取り込めない{refused}件。{findings}。"
        "試行のため何も書き込んでいません",
    "{files}: {imported} imported, {skipped} skipped, {refused} refused; {findings}":
        "{files}：取り込み{imported}件、とばした{skipped}件、取り込めない{refused}件。{findings}",
    "nothing to import: every file was imported before or is not a record":
        "取り込むものはありません：どのファイルも取り込み済みか、会議録ではありません",

    # kaigiroku/preview: serve
    "the preview holds withheld text and may not be written into {folder}: {why}; set TMPDIR to a private folder":
        "プレビューには非公開のテキストが含まれるため {folder} には書き込めません（{why}）。TMPDIR に自分だけが読める"
        "フォルダーを指定してください",
    "content folder {folder} not found; check --content DIR":
        "コンテンツのフォルダー {folder} がありません。--content DIR を確かめてください",
    "layouts folder {folder} not found; check layouts/": "レイアウトのフォルダー {folder} がありません。layouts/ を確かめてください",
    "policy's folder {folder} not found; check --policy FILE":
        "ポリシーのフォルダー {folder} がありません。--policy FILE を確かめてください",
    "cannot listen on {address}: {problem}; pass another --port": "{address} で待ち受けられません：{problem}。別の --port を指定してください",
    "serving the internal preview at {url} from {folder} (127.0.0.1 only); Ctrl-C to stop":
        "内部プレビューを {url} で公開しています（{folder} から、127.0.0.1 のみ）。止めるには Ctrl-C",
    "preview stopped; its folder is removed": "プレビューを止めました。そのフォルダーは削除しました",
    "loaded {n} meeting in {seconds} s; the lists are ready": "会議{n}件を{seconds}秒で読み込みました。一覧も表示できます",
    "{n} meeting listed in {ms} ms; each page is made when it is opened, the lists once every meeting is loaded":
        "会議{n}件を{ms}ミリ秒で見つけました。各ページは開いたときに、一覧はすべての会議を読み込んでから作ります",
    "updated: {n} page to render again ({ms} ms)": "更新：作り直すページ{n}件（{ms}ミリ秒）",
    "no page changed ({ms} ms)": "変わったページはありません（{ms}ミリ秒）",
    "preview: update failed ({error} at {place}); still serving": "プレビュー：更新に失敗しました（{place} で {error}）。表示は続けます",
    "{n} error; the browser shows it until it is fixed:": "エラー{n}件。直すまでブラウザーに表示します：",
    "Error: the preview cannot be updated": "エラー：プレビューを更新できません",
    "internal preview": "内部プレビュー",
    "Fix the files and save them: this page then updates by itself.": "ファイルを直して保存すると、このページは自動で更新されます。",

    # kaigiroku/publish: the build's folders, the manifest, publish
    "the policy": "ポリシー",
    "{site}/ was built without require_approval, which {content}/site.yaml now sets: it may hold meetings nobody "
    "approved; build again, then publish":
        "{site}/ は require_approval なしでビルドされましたが、今は {content}/site.yaml で指定されています。承認されて"
        "いない会議が含まれるかもしれません。ビルドし直してから公開してください",
    "{site}/ is not the build of the current inputs ({changed} changed since it was built); build again, then publish":
        "{site}/ は今の入力のビルドではありません（ビルド後に{changed}が変わっています）。ビルドし直してから公開してください",
    "dry run: nothing was changed on {target} and nothing was recorded":
        "試行：{target} は何も変えず、何も記録していません",
    "{target} already holds this build: nothing was sent": "{target} にはすでにこのビルドがあります。何も送っていません",
    "published to {target}: {sent}, {removed} removed; recorded in {content}/_published.jsonl (record {record})":
        "{target} に公開しました：{sent}、削除{removed}件。{content}/_published.jsonl に記録しました（記録 {record}）",
    "{n} file sent": "送ったファイル{n}件",
    "its {manifest} is {problem}": "その {manifest} は {problem}",
    "it holds another archive ({old}, not {new})": "別のアーカイブがあります（{new} ではなく {old}）",
    "it holds files but no {manifest}": "ファイルはありますが {manifest} がありません",
    "--to {target} is not an earlier publish of this archive: {why}; publishing replaces and removes files there. "
    "Choose another folder, or add --force to publish into it anyway (files that no publish put there are left as "
    "they are)":
        "--to {target} はこのアーカイブを前に公開した場所ではありません：{why}。公開するとそこのファイルを置き換え、"
        "削除します。別のフォルダーを選ぶか、それでもそこに公開するなら --force を付けてください（公開で置いたので"
        "ないファイルはそのままです）",
    "{site}/ → {target} (manifest {manifest}, newest input {newest}); addresses below {archive}":
        "{site}/ → {target}（マニフェスト {manifest}、最新の入力 {newest}）。アドレスは {archive} 以下",
    "an earlier publish to {target} (started {at} by {by}) did not finish: this one finishes it":
        "{target} への前回の公開（{at} に {by} が開始）が終わっていません。今回の公開で終えます",
    "added {n}": "追加 {n}",
    "changed {n}": "変更 {n}",
    "removed {n}": "削除 {n}",
    "withdrawn {n}: these addresses showed text that is now withheld (or belong to a meeting taken down); ask "
    "search engines and caches to drop them:":
        "取り下げ {n}：次のアドレスは、今は非公開の文字を示していました（または取り下げた会議のものです）。"
        "検索エンジンやキャッシュに削除を依頼してください：",
    "not a manifest of this program ({error}: {problem})": "このプログラムのマニフェストではありません（{error}：{problem}）",
    "cannot write the build: {problem} ({file}); free disk space or fix permissions, then build again":
        "ビルドを書き込めません：{problem}（{file}）。ディスクを空けるか権限を直してから、もう一度ビルドしてください",
    "{n} edited ({paths})": "編集{n}件（{paths}）",
    "{n} added ({paths})": "追加{n}件（{paths}）",
    "{n} removed ({paths})": "削除{n}件（{paths}）",
    "{paths} and {n} more": "{paths} ほか{n}件",
    "{site}/ has no {file}: it is not a build of this version of the program (or not a build at all); build it "
    "again, then publish":
        "{site}/ に {file} がありません。このバージョンのプログラムのビルドではありません（またはビルドではありません）。"
        "ビルドし直してから公開してください",
    "cannot read {site}/{file}: {problem}": "{site}/{file} を読み込めません：{problem}",
    "cannot read {path} to check it for withheld text: {problem}; nothing was published":
        "{path} を読み込めず、非公開の文字列が含まれていないか確認できません：{problem}。何も公開していません",
    "{site}/{file} is {problem}; build again, then publish": "{site}/{file} は {problem}。ビルドし直してから公開してください",
    "{site}/ does not match its manifest: {problems}; only a site exactly as built is published: build again, then "
    "publish":
        "{site}/ がマニフェストと一致しません：{problems}。ビルドしたままのサイトだけを公開します。ビルドし直してから"
        "公開してください",
    "a publish record holds exactly the text fields {texts}, prev, digest and the lists of paths {lists}":
        "公開の記録は文字列の項目 {texts}、prev、digest と、パスのリスト {lists} だけを持ちます",
    "publish records": "公開の記録",
    "nothing has been published yet (no content/_published.jsonl)": "まだ何も公開していません（content/_published.jsonl がありません）",
    "{at}  {target}  by {by}  (manifest {manifest}, record {record})":
        "{at}  {target}  {by}  （マニフェスト {manifest}、記録 {record}）",
    "added {added}, changed {changed}, removed {removed}, withdrawn {withdrawn}":
        "追加 {added}、変更 {changed}、削除 {removed}、取り下げ {withdrawn}",
    "withdrawn: {path}": "取り下げ：{path}",
    "a build replaces its output folder whole; choose a folder of its own, such as site/":
        "ビルドは出力フォルダーを丸ごと置き換えます。site/ のような専用のフォルダーを選んでください",
    "{option} {out} is {what}, and {why}": "{option} {out} は{what}です。{why}",
    "{option} {out} holds {what}, and {why}": "{option} {out} には{what}があります。{why}",
    "{option} {out} lies inside {what}, and {why}": "{option} {out} は{what}の中にあります。{why}",
    "--out {out} is a file, not a folder; choose a folder of its own, such as site/":
        "--out {out} はフォルダーではなくファイルです。site/ のような専用のフォルダーを選んでください",
    "--out {out} holds files that are not an earlier build (it has no {mark}), and a build replaces its output "
    "folder whole; choose a new or empty folder, or move those files away":
        "--out {out} には前のビルドではないファイルがあります（{mark} がありません）。ビルドは出力フォルダーを丸ごと"
        "置き換えます。新しいか空のフォルダーを選ぶか、それらのファイルを移してください",
    "cannot create a staging folder beside {out}: {problem}; check that the folder exists and is writable":
        "{out} の横に作業用フォルダーを作れません：{problem}。フォルダーがあり、書き込めることを確かめてください",
    "{out} exists and is not a folder; move it away": "{out} はフォルダーではないものとしてあります。移してください",
    "cannot replace {out}: {problem}; the previous build is unchanged":
        "{out} を置き換えられません：{problem}。前のビルドはそのままです",
    "--to {target}: an rsync daemon is not a target; use user@host:/path (over SSH) or a folder":
        "--to {target}：rsync デーモンは公開先になりません。user@host:/path（SSH 経由）かフォルダーを指定してください",
    "--to {target}: name a folder, or user@host:/path": "--to {target}：フォルダーか user@host:/path を指定してください",
    "read": "読み込め",
    "write to": "書き込め",
    "remove files from": "ファイルを削除でき",
    "rsync is not installed on this machine; install it (Debian: `sudo apt-get install rsync openssh-client`), then "
    "publish again":
        "このマシンに rsync がありません。インストールしてから（Debian：`sudo apt-get install rsync openssh-client`）"
        "もう一度公開してください",
    "this machine": "このマシン",
    "{machine} refused the SSH login (permission denied): put this machine's public key in the authorized_keys of "
    "that account (docs/publish.md), or name the key in $RSYNC_RSH":
        "{machine} が SSH のログインを拒みました（permission denied）。このマシンの公開鍵をそのアカウントの "
        "authorized_keys に加えるか（docs/publish.md）、$RSYNC_RSH で鍵を指定してください",
    "the SSH host key of {machine} is unknown or has changed; check it, then accept it once with `ssh {host}`":
        "{machine} の SSH ホスト鍵が未知か、変わっています。確かめてから `ssh {host}` で一度受け入れてください",
    "cannot reach {machine}: {reason}; check the host name, the network and that its SSH server runs":
        "{machine} に接続できません：{reason}。ホスト名、ネットワーク、SSH サーバーが動いていることを確かめてください",
    "rsync is not installed on {machine}; install it there (Debian: `sudo apt-get install rsync`)":
        "{machine} に rsync がありません。そちらにインストールしてください（Debian：`sudo apt-get install rsync`）",
    "the disk of the target is full: free space there": "公開先のディスクがいっぱいです。空きを作ってください",
    "the disk quota of the target is used up: free space there": "公開先のディスク割り当てを使い切っています。空きを作ってください",
    "permission denied: the account publishing (on {where}) may not write there; fix the folder's owner or permissions":
        "権限がありません：公開するアカウント（{where}）はそこに書き込めません。フォルダーの所有者か権限を直してください",
    "the operation is not permitted there; fix the folder's owner or attributes":
        "そこではその操作が許されていません。フォルダーの所有者か属性を直してください",
    "the target is on a read-only file system": "公開先は読み込み専用のファイルシステムにあります",
    "a part of the target's path is a file, not a folder": "公開先のパスの途中がフォルダーではなくファイルです",
    "the folder above the target does not exist: create it first": "公開先の一つ上のフォルダーがありません。先に作ってください",
    "cannot {doing} {target}: {reason}": "{target} に{doing}ません：{reason}",
    "{summary} ({detail}); every file on the target is whole (the previous or the new one), and the next publish "
    "finishes this one":
        "{summary}（{detail}）。公開先のファイルはどれも壊れていません（前のものか新しいもの）。次の公開がこの公開を"
        "終えます",

    # redaction/policy.py: the policy file
    "cannot read the policy: {problem}; give the policy file with --policy FILE":
        "ポリシーを読み込めません：{problem}。--policy FILE でポリシーファイルを指定してください",
    "not UTF-8 text (byte {byte}); save the policy as UTF-8":
        "UTF-8 のテキストではありません（{byte} バイト目）。ポリシーを UTF-8 で保存してください",
    "unknown policy key `{key}`; expected one of {expected}": "ポリシーの知らないキー `{key}`。使えるキー：{expected}",
    "the policy needs `ordinance` (e.g. 東村山市情報公開条例) and `article` (e.g. 第6条)":
        "ポリシーには `ordinance`（例：東村山市情報公開条例）と `article`（例：第6条）が必要です",
    "`categories` must be a non-empty list": "`categories` は空でないリストにしてください",
    "each category needs at least `key` and `label`": "どの区分にも少なくとも `key` と `label` が必要です",
    "unknown category key `{key}`; expected one of {expected}": "区分の知らないキー `{key}`。使えるキー：{expected}",
    "`item` of category `{category}` must be a whole number": "区分 `{category}` の `item` は整数にしてください",
    "category `{category}` needs an `item` number or its own `basis`":
        "区分 `{category}` には `item` の番号か、独自の `basis` が必要です",
    "`{spelling}` names both `{one}` and `{other}`; make it unique":
        "`{spelling}` が `{one}` と `{other}` の両方を指しています。一つだけを指すようにしてください",
    "`{key}` must be a list of strings": "`{key}` は文字列のリストにしてください",
    "`detectors` must map a detector name to its settings, e.g. `phone: {action: redact}`":
        "`detectors` には検出器の名前ごとに設定を書いてください（例：`phone: {action: redact}`）",
    "unknown detector `{name}`; expected one of {expected}": "知らない検出器 `{name}`。使える検出器：{expected}",
    "settings of detector `{name}` must be a mapping of enabled, action, category":
        "検出器 `{name}` の設定は enabled、action、category の対応表にしてください",
    "unknown key `{key}` of detector `{name}`; expected one of {expected}":
        "検出器 `{name}` の知らないキー `{key}`。使えるキー：{expected}",
    "`enabled` of detector `{name}` must be true or false": "検出器 `{name}` の `enabled` は true か false にしてください",
    "`action` of detector `{name}` must be `redact` or `review`, not `{action}`":
        "検出器 `{name}` の `action` は `redact` か `review` にしてください（`{action}` ではなく）",
    "`category` of detector `{name}` must be the key of a category, one of {keys}":
        "検出器 `{name}` の `category` は区分のキーにしてください（{keys} のどれか）",
    "a redaction marker cannot stand in {file}: what it says is published on every page as it is written. Markers "
    "belong in meeting files only; write this value without the withheld text":
        "{file} には非公開の印を書けません：ここに書いたことは書いたとおりにすべてのページに公開されます。"
        "印は会議録のファイルにだけ書き、この値は非公開の文字を除いて書いてください",
    "withheld {category} text of {meeting} ({how})": "{meeting} の非公開（{category}）の文字（{how}）",
    "{what} appears in this public file; the build was stopped": "{what}がこの公開ファイルに出ています。ビルドを止めました",
    " and {n} other public file": "ほか公開ファイル{n}件",
    "{what} is written here in a form the redaction does not withhold and reaches {file}{more}; mark it here too "
    "with {{redact:CATEGORY|TEXT}}, written without markup, entities or escapes inside it; the build was stopped":
        "{what}がここに非公開にならない形で書かれており、{file}{more}に出ています。ここにも {{redact:CATEGORY|TEXT}} "
        "で印を付けてください（中に書式・文字参照・エスケープを入れずに）。ビルドを止めました",
}
