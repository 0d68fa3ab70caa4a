"""Plotly settings that follow the language: separators, and a Vietnamese modebar (plotly.js ships no 'vi' locale)."""

from __future__ import annotations

SEPARATORS = {"vi": ",.", "en": ".,"}  # decimal mark, then thousands mark

_VI_DICTIONARY = {
    "Autoscale": "Tự động co giãn",
    "Box Select": "Chọn vùng chữ nhật",
    "Click to enter Colorscale title": "Nhấn để nhập tiêu đề thang màu",
    "Compare data on hover": "So sánh dữ liệu khi rê chuột",
    "Double-click to zoom back out": "Nhấn đúp để thu nhỏ lại",
    "Download plot": "Tải biểu đồ",
    "Download plot as a png": "Tải biểu đồ dạng PNG",
    "Download plot as a PNG": "Tải biểu đồ dạng PNG",
    "Download plot as an svg": "Tải biểu đồ dạng SVG",
    "Lasso Select": "Chọn tự do",
    "Pan": "Kéo",
    "Produced with Plotly.js": "Tạo bằng Plotly.js",
    "Reset": "Đặt lại",
    "Reset axes": "Đặt lại trục",
    "Reset view": "Đặt lại khung nhìn",
    "Show closest data on hover": "Hiện dữ liệu gần nhất khi rê chuột",
    "Snapshot succeeded": "Đã chụp biểu đồ",
    "Taking snapshot - this may take a few seconds": "Đang chụp biểu đồ, xin chờ vài giây",
    "Toggle Spike Lines": "Bật/tắt đường gióng",
    "Toggle show closest data on hover": "Bật/tắt hiện dữ liệu gần nhất",
    "Zoom": "Phóng to vùng",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Fullscreen": "Toàn màn hình",
    "Exit fullscreen": "Thoát toàn màn hình",
}

_VI_FORMAT = {
    "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    "months": [f"Tháng {i}" for i in range(1, 13)],
    "shortMonths": [f"Th{i}" for i in range(1, 13)],
    "periods": ["SA", "CH"],
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["", " ₫"],
    "date": "%d/%m/%Y",
    "time": "%H:%M:%S",
    "dateTime": "%H:%M:%S %d/%m/%Y",
    "year": "%Y",
    "month": "%m/%Y",
    "dayMonth": "%d/%m",
    "dayMonthYear": "%d/%m/%Y",
}


def plotly_config(lang: str) -> dict:
    """The `config` for a chart: modebar in the language, no link to Plotly's cloud (the app works offline)."""
    config = {"displaylogo": False, "showLink": False, "locale": lang,
              "toImageButtonOptions": {"format": "png", "scale": 2}, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
    if lang == "vi":
        config["locales"] = {"vi": {"dictionary": _VI_DICTIONARY, "format": _VI_FORMAT}}
    return config
