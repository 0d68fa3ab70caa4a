"""Write a SYNTHETIC data root (10,000 metric files, 200,000 metrics, ~80 MB of YAML) for the load benchmarks.

Every file passes validation, quote check included, unless --broken asks for a share of deliberately bad ones.
Run: .venv/bin/python bench/generate.py [--out bench/out/data] [--files 10000] [--broken 0.0] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AGENCIES = ["so-noi-vu", "van-phong-ubnd-tinh", "ubnd-tinh", "tinh-phu-tho"]  # the ids of data/reference
COMMUNES = ["Việt Trì", "Phù Ninh", "Lâm Thao", "Thanh Ba", "Hạ Hòa", "Cẩm Khê", "Yên Lập", "Tam Nông", "Thanh Sơn",
            "Tân Sơn", "Đoan Hùng", "Thanh Thủy", "Vĩnh Yên", "Phúc Yên", "Tam Đảo", "Bình Xuyên", "Hòa Bình",
            "Mai Châu", "Lạc Sơn", "Kim Bôi", "Đà Bắc", "Lương Sơn", "Tân Lạc", "Yên Thủy"]
PEOPLE = ["Nguyễn Thị Hằng", "Trần Văn Đức", "Lê Quang Huy", "Phạm Thị Thủy", "Hoàng Minh Tuấn", "Đỗ Thị Ngọc Ánh"]
AWARDS = [("Bằng khen của Thủ tướng Chính phủ", "Prime Minister's Certificate of Merit", "government"),
          ("Huân chương Lao động hạng Ba", "Third-class Labour Order", "state"),
          ("Bằng khen của Chủ tịch UBND tỉnh", "Certificate of Merit of the Provincial Chairman", "province")]
PLAIN_OK = re.compile(r"^[^-?:,\[\]{}#&*!|>'\"%@`\s][^:#,\[\]{}]*$")


def slug(text: str) -> str:
    table = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                          "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def vn(value: float, decimals: int = 0) -> str:
    """A number the way the documents write it: '.' groups thousands, ',' marks decimals (5.448; 65,2)."""
    whole, _, frac = f"{value:.{decimals}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + frac if frac else "")


def y(text: str) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted (JSON is valid YAML)."""
    return text if PLAIN_OK.match(text) and not re.fullmatch(r"[\d.,]+", text) else json.dumps(text, ensure_ascii=False)


def metric(rng: random.Random, k: int, place: str, year: int) -> tuple[dict, str]:
    """One metric of a realistic kind and the sentence of the source that states it (its quote is inside)."""
    kind = k % 10
    m: dict = {"theme": "personnel", "period": year}
    if kind == 0:
        v = rng.randint(1000, 99999)
        m.update(value=v, unit="case", name=("Hồ sơ thủ tục hành chính được giải quyết đúng hạn", "Administrative files settled on time"))
        quote = f"giải quyết đúng hạn {vn(v)} trường hợp hồ sơ thủ tục hành chính tại {place}"
    elif kind == 1:
        v = round(rng.uniform(10, 99.9), 1)
        m.update(value=v, unit="percent", theme="apparatus", name=("Tỷ lệ hồ sơ được số hóa", "Share of files digitised"))
        if rng.random() < 0.3:
            m["change"] = "decrease"
            quote = f"giảm {vn(v, 1)}% số hồ sơ giấy phải lưu trữ tại {place}"
        else:
            quote = f"tỷ lệ hồ sơ được số hóa đạt {vn(v, 1)}% tại {place}"
    elif kind == 2:
        v = rng.randint(2, 60) * 10
        m.update(value=v, unit="meeting", theme="direction", qualifier="more_than",
                 name=("Hội nghị, cuộc họp được tổ chức", "Meetings held"))
        quote = f"tổ chức trên {vn(v)} hội nghị, cuộc họp chỉ đạo điều hành của {place}"
    elif kind == 3:
        t = rng.randint(20, 400)
        v = rng.randint(t // 2, t)
        m.update(value=v, total=t, unit="task", theme="direction", name=("Nhiệm vụ được giao đã hoàn thành", "Assigned tasks completed"))
        quote = f"hoàn thành {v}/{t} nhiệm vụ được Chủ tịch UBND tỉnh giao cho {place}"
    elif kind == 4:
        v, p = rng.randint(50, 900), rng.randint(101, 250)
        m.update(value=v, unit="official", plan_percent=p, name=("Cán bộ điều động, biệt phái về xã", "Officials seconded to communes"))
        quote = f"điều động, biệt phái {vn(v)} cán bộ về {place} (đạt {p}% kế hoạch)"
    elif kind == 5:
        v = rng.randint(100, 9999)
        m.update(value=v, scale="billion", unit="vnd", theme="economy", agency="tinh-phu-tho",
                 name=("Vốn đầu tư công được giải ngân", "Public investment disbursed"))
        quote = f"giải ngân {vn(v)} tỷ đồng vốn đầu tư công trên địa bàn {place}"
    elif kind == 6:
        v = round(rng.uniform(5, 12), 2)
        m.update(value=v, unit="growth-rate", theme="economy", name=("Tốc độ tăng trưởng kinh tế", "Economic growth rate"))
        quote = f"tốc độ tăng trưởng kinh tế của {place} đạt {vn(v, 2)}%"
    elif kind == 7:
        title_vi, title_en, level = rng.choice(AWARDS)
        if rng.random() < 0.5:
            who = rng.choice(PEOPLE)
            m.update(value=1, unit="individual", theme="recognition", name=(f"{title_vi} tặng {who}", f"{title_en} to {who}"),
                     award={"title": (title_vi, title_en), "level": level, "recipient_type": "individual", "recipient": who})
            quote = f"trao {title_vi} tặng đồng chí {who}, cán bộ {place}"
        else:
            v = rng.randint(2, 40)
            m.update(value=v, unit="collective", theme="recognition", name=(f"Tập thể được tặng {title_vi}", f"Collectives awarded the {title_en}"),
                     award={"title": (title_vi, title_en), "level": level, "recipient_type": "collective"})
            quote = f"trao {title_vi} tặng {v} tập thể của {place}"
    elif kind == 8:
        v = rng.randint(2, 63)
        m.update(value=v, unit="rank", theme="direction", name=("Xếp hạng chỉ số cải cách hành chính", "Administrative reform index rank"))
        quote = f"chỉ số cải cách hành chính của {place} xếp thứ {v} cả nước"
    else:
        v = rng.randint(100, 5000) * 10
        m.update(value=v, unit="person", qualifier="about", theme="plan", period=year + 1,
                 name=("Người dân được hướng dẫn dịch vụ công trực tuyến", "People guided to online public services"))
        quote = f"phấn đấu hướng dẫn khoảng {vn(v)} người dân sử dụng dịch vụ công trực tuyến tại {place}"
    m["quote"] = quote
    return m, f"Theo báo cáo, {quote}; kết quả được đánh giá cao."


def render(source: dict, metrics: list[dict], place: str) -> str:
    place_en = slug(place).replace("-", " ").title()
    out = ["# SYNTHETIC benchmark data written by bench/generate.py: not real figures.", "source:"]
    out += [f"  {k}: {y(str(v))}" for k, v in source.items()]
    out += ["", "metrics:"]
    for m in metrics:
        out.append(f"  - id: {m['id']}")
        out.append(f"    name: {{vi: {y(m['name'][0] + ' - ' + place)}, en: {y(m['name'][1] + ' (' + place_en + ')')}}}")
        for key in ("theme", "agency", "period", "value", "scale", "unit", "qualifier", "total", "plan_percent", "change"):
            if key in m:
                out.append(f"    {key}: {m[key]}")
        if "award" in m:
            a = m["award"]
            out.append("    award:")
            out.append(f"      title: {{vi: {json.dumps(a['title'][0], ensure_ascii=False)}, en: {json.dumps(a['title'][1], ensure_ascii=False)}}}")
            out += [f"      {k}: {y(a[k])}" for k in ("level", "recipient_type", "recipient") if k in a]
        out.append(f"    quote: {y(m['quote'])}")
        out.append("")
    return "\n".join(out)


def breakage(rng: random.Random, metrics: list[dict]) -> None:
    """Spoil one metric of a file in one of the ways maintainers really do."""
    m = rng.choice(metrics)
    how = rng.randrange(4)
    if how == 0:
        m["theme"] = "no-such-theme"
    elif how == 1:
        m["value"] = m["value"] + 1  # the quote no longer states it
    elif how == 2:
        m["quote"] = m["quote"] + " (sửa)"  # no longer verbatim in the source
    else:
        m["period"] = 1800


def generate(out: Path, files: int = 10000, per_file: int = 20, broken: float = 0.0, seed: int = 7) -> Path:
    out = out.resolve()
    if out == (REPO / "data").resolve() or (REPO / "data").resolve() in out.parents:
        raise SystemExit("refusing to write synthetic data under data/")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REPO / "data" / "reference", out / "reference")
    # The dashboard shows a banner on every page when this marker is in the data root.
    (out / "SYNTHETIC").write_text("Synthetic benchmark data written by bench/generate.py: not real figures.\n", encoding="utf-8")
    rng = random.Random(seed)
    n = 0
    for year in range(2016, 2100):
        for agency in AGENCIES:
            for place in COMMUNES:
                for month in range(1, 13):
                    if n == files:
                        return out
                    n += 1
                    sid = f"{agency}-{slug(place)}-{year}-{month:02d}"
                    rel = f"{year}/{agency}/{slug(place)}"
                    metrics, sentences = [], []
                    for k in range(per_file):
                        m, sentence = metric(rng, k + n, place, year)
                        m["id"] = f"{sid}-{k:02d}"
                        metrics.append(m)
                        sentences.append(sentence)
                    if broken and rng.random() < broken:
                        breakage(rng, metrics)
                    title = f"SYNTHETIC - Báo cáo tháng {month}/{year} của {place}"
                    text = f"sources/{rel}/{month:02d}.txt"
                    source = {"id": sid, "title": title, "agency": agency, "published": f"{year}-{month:02d}-28", "text": text}
                    if n % 3 == 0:
                        source["url"] = f"https://example.invalid/tin-tuc/{sid}"
                    path = out / "metrics" / rel / f"{month:02d}.yaml"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(render(source, metrics, place), encoding="utf-8")
                    (out / text).parent.mkdir(parents=True, exist_ok=True)
                    (out / text).write_text(f"{title} (SYNTHETIC)\n\n" + "\n".join(sentences) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "out" / "data")
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--per-file", type=int, default=20)
    ap.add_argument("--broken", type=float, default=0.0, help="share of files with one deliberately bad metric")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    print(generate(a.out, a.files, a.per_file, a.broken, a.seed))
