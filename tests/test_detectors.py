"""Each detector on its own: what it finds, and the span it reports in raw offsets."""

from __future__ import annotations

import pytest

from redaction.detectors.account import AccountDetector
from redaction.detectors.address import AddressDetector
from redaction.detectors.age import AgeDetector
from redaction.detectors.birth_date import BirthDateDetector
from redaction.detectors.email import EmailDetector
from redaction.detectors.honorific import HonorificNameDetector
from redaction.detectors.my_number import MyNumberDetector, check_digit, is_my_number
from redaction.detectors.phone import PhoneDetector, is_phone_number
from redaction.detectors.postal import PostalCodeDetector
from redaction.detectors.roster import RosterDetector
from redaction.normalize import NormalizedText


def found(detector: object, raw: str) -> list[str]:
    return [raw[d.start:d.end] for d in detector.analyze(NormalizedText.of(raw))]  # type: ignore[attr-defined]


@pytest.mark.parametrize("raw, expected", [
    ("電話03-1234-5678まで", ["03-1234-5678"]),
    ("携帯 090 1234 5678 に", ["090 1234 5678"]),
    ("０９０－１２３４－５６７８", ["０９０－１２３４－５６７８"]),
    ("（０４２）３９３－１２３４", ["（０４２）３９３－１２３４"]),
    ("0467(12)3456", ["0467(12)3456"]),
    ("(090-1234-5678)", ["090-1234-5678"]),
    ("090-1234-\n5678 とのこと", ["090-1234-\n5678"]),
    ("0120-123-456", ["0120-123-456"]),
    ("+81-90-1234-5678", ["+81-90-1234-5678"]),
    ("TEL 393-1234", ["393-1234"]),
    ("042-393-5111(内線2317)", ["042-393-5111"]),
    ("平成26年2月10日 18:30", []),
    ("1,125,000円", []),
    ("2014-02-10", []),
    ("内線2317", []),
    ("照会番号 0012345678", []),
])
def test_phone(raw: str, expected: list[str]) -> None:
    assert found(PhoneDetector(), raw) == expected


@pytest.mark.parametrize("candidate, ok", [
    ("03-1234-5678", True), ("090-1234-5678", True), ("090-1234-567", False),
    ("0120-123-456", True), ("0120-1234-5678", False), ("0800-123-4567", True),
    ("042-393-511", False), ("00-1234-5678", False), ("+81312345678", True),
])
def test_the_shape_of_a_phone_number(candidate: str, ok: bool) -> None:
    assert is_phone_number(candidate) is ok


@pytest.mark.parametrize("raw, expected", [
    ("連絡先 taro.yamada@example.jp まで", ["taro.yamada@example.jp"]),
    ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", ["ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"]),
    ("a@example.jp\nb@example.jp", ["a@example.jp", "b@example.jp"]),
    ("https://www.city.example.lg.jp/", []),
])
def test_email(raw: str, expected: list[str]) -> None:
    assert found(EmailDetector(), raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("〒189-0014 東村山市", ["189-0014"]),
    ("郵便番号は１８９００１４", ["１８９００１４"]),
    ("189-0014東京都東村山市本町", ["189-0014"]),
    ("電話393-5111", []),
    ("契約番号 123-4567", []),
])
def test_postal_code(raw: str, expected: list[str]) -> None:
    assert found(PostalCodeDetector(), raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("住所は東京都東村山市本町1-2-3です", ["東京都東村山市本町1-2-3"]),
    ("東村山市秋津町5丁目12番3号", ["東村山市秋津町5丁目12番3号"]),
    ("住所：小平市小川町1丁目333番地", ["小平市小川町1丁目333番地"]),
    ("資料1-2を参照", []),
    ("第9条・第10条", []),
    ("東京都東村山市富士見町\n359-1141", []),
    ("東村山市役所電話042-393-5111", []),
])
def test_address(raw: str, expected: list[str]) -> None:
    assert found(AddressDetector(), raw) == expected


def test_my_number_check_digit() -> None:
    assert check_digit("12345678901") == 8
    assert is_my_number("123456789018")
    assert not is_my_number("123456789012")


@pytest.mark.parametrize("raw, expected", [
    ("個人番号 1234 5678 9018 を記載", ["1234 5678 9018"]),
    ("１２３４－５６７８－９０１８", ["１２３４－５６７８－９０１８"]),
    ("照会番号123456789012", []),
    ("1123456789018", []),
])
def test_my_number(raw: str, expected: list[str]) -> None:
    assert found(MyNumberDetector(), raw) == expected


@pytest.mark.parametrize("detector, raw, expected", [
    (AccountDetector(), "口座番号は普通預金1234567", ["1234567"]),
    (AccountDetector(), "口座振替の件数は1,234件", []),
    (BirthDateDetector(), "生年月日（昭和31年8月9日）", ["昭和31年8月9日"]),
    (BirthDateDetector(), "1985年7月7日生まれ", ["1985年7月7日"]),
    (BirthDateDetector(), "平成26年2月10日に開催", []),
    (AgeDetector(), "当時45歳で", ["45歳"]),
    (AgeDetector(), "38歳の男性", ["38歳"]),
    (AgeDetector(), "65歳以上の高齢者", []),
])
def test_context_detectors(detector: object, raw: str, expected: list[str]) -> None:
    assert found(detector, raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("開示請求者である中島花子さんから", ["中島花子"]),
    ("審査請求人小川隆氏の代理人", ["小川隆"]),
    ("杉本みさ子委員・嶋田節男委員", ["杉本みさ子", "嶋田節男"]),
    ("東京都知事舛添氏の当確", ["舛添"]),
    ("山田部長さん", ["山田"]),
    ("皆さん、市民の皆様、契約仕様書、同様、様々な", []),
    ("公募委員、教育委員会、氏名、市民のみなさん、ちゃんと", []),
    ("息子さんや娘さん、お医者さん、業者さん", []),
    ("(山田企画政策課長) 本条例は", []),
    ("担任の先生、看護師さん、運転手さん、甲氏と乙氏", []),
    ("木村さん", ["木村"]),
])
def test_honorific_name(raw: str, expected: list[str]) -> None:
    assert found(HonorificNameDetector(), raw) == expected


def test_roster_matches_with_the_spec_normalisation() -> None:
    detector = RosterDetector(["山田 太郎", "ｼﾞｮﾝ･ｽﾐｽ"])
    assert found(detector, "山田　太郎、山田\n太郎、ジョン・スミス、山田花子") == ["山田　太郎", "山田\n太郎", "ジョン・スミス"]
    assert found(RosterDetector([]), "山田太郎") == []


def test_a_number_right_after_an_opening_parenthesis_is_found_whole() -> None:
    assert found(PhoneDetector(), "携帯電話（+81 70 9869 7258）") == ["+81 70 9869 7258"]
