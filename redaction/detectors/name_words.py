"""Word lists that tell a personal name before an honorific from an ordinary word.

Kept apart from the detector so a city can read and extend them.
"""

from __future__ import annotations

# Words that stand before a name and are not part of it: 審査請求人小川隆氏 → 小川隆.
# Also stripped from the end: 山田部長さん → 山田.
TITLES = (
    "請求人 申出人 代理人 申立人 請求者 申請者 相談者 利用者 受給者 開示請求者 市民 住民 職員 副委員長 委員長 委員 会員 議員 "
    "代表 担当者 担当 都知事 知事 市長 副市長 議長 社長 理事長 部長 課長 課長補佐 係長 主事 主任 次長 所長 園長 "
    "校長 院長 館長 室長 局長 会長 被害者 加害者 容疑者 被告 原告 講師 医師 弁護士 教授 准教授 先生"
).split()

# Whole words that take an honorific but are no name: 皆さん, 息子さん, 仕様, 同氏, 公募委員.
NOT_NAMES = frozenset((
    "皆 奥 父 母 兄 姉 弟 妹 娘 子 孫 嫁 婿 客 各 全 同 両 他 本 当 諸 某 彼 貴 仕 多 模 態 異 王 神 仏 殿 若 姫 坊 隣 甲 乙 丙 丁 "
    "新 旧 副 正 人 者 家 主 方 上 外 別 前 後 元 現 故 女 男 夫 妻 嬢 赤 何 有 今 左 右 斯 文 紋 図 先 "
    "息子 主人 本人 家族 大家 業者 医者 職人 患者 住人 隣人 役人 友人 旦那 兄弟 姉妹 親御 親族 祖父 祖母 叔父 叔母 "
    "伯父 伯母 両親 各位 社員 店員 駅員 相手 同僚 上司 部下 後輩 先輩 世話 苦労 馳走 邪魔 王子 担任 副担任 教頭 主治医 "
    "公募 学識 専門 審査 評価 民生 児童 監査 選挙管理 教育 農業 人権擁護 推進 調査 運営 臨時 一般 外部 常任 "
    "特別 幹事 出席 欠席 女性 男性 若手 当番 地元 新任 前任 後任 歴代 所属 部会 理事 監事 会計 書記 顧問 参与 "
    "相談 補助 支援 指導 嘱託 非常勤 正副 委員 会員 審議会 協議会 町会 町内 町内会 自治 自治会 老人会 商店会 団体 企業 "
    "法人 組合 事業者 会議録署名 署名 会派 所管 全員"
).split())

# Last characters of organisations, places and things, never of a name: 業者さん, 審議会委員.
NOT_NAME_ENDINGS = frozenset("会課部局室係省庁団所社校院園館署店屋業者員協組連党区町県都府国式書類料費税法制度化性的等件数師手官")

# Kana that open a word, not a given name: 市民のみなさん, おじいさん.
NOT_KANA_NAMES = ("の", "が", "を", "に", "は", "と", "で", "も", "へ", "や", "か", "よ", "ね", "な", "みな", "みんな", "お")

# Katakana words for a role or a job that take さん but are no name: ケースワーカーさん, ヘルパーさん.
NOT_KATAKANA_NAMES = frozenset((
    "ケースワーカー ワーカー ヘルパー ドライバー スタッフ コンサルタント ボランティア オーナー マネージャー マネジャー "
    "リーダー パート アルバイト ママ パパ ケアマネ ケアマネージャー ケアマネジャー コーディネーター カウンセラー "
    "サポーター メンバー ガイド トレーナー インストラクター シェフ パートナー ゲスト ユーザー オペレーター "
    "ベテラン プロ コーチ キャプテン マスター ママさん"
).split())
