"""Whole identity documents, rendered and then photographed synthetically.

Used by photo_set.py (the labelled benchmark set) and by the failure-kind fixtures of the reader's
tests. A document page (card, passport data page or visa) is drawn at a master resolution with a
printed background, a portrait, visual-zone text and the MRZ; then a simulated phone camera looks
at it: page curl, a 3-D tilt with real perspective, any in-plane angle, a desk, keyboard or hand
behind it, shadows, glare, focus and motion blur, sensor noise, phone sharpening and JPEG.

Every random choice comes from one numpy Generator, so a (seed, options) pair is one image.
"""
import math
import os

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

import synth

cv2.setNumThreads(1)

OCRB_DIR = "/usr/share/fonts/opentype/ocr-b"

# MRZ faces of the benchmark. Debian has one OCR-B design (its other files are outline, inverted
# and oblique cuts), so OCR-B itself cannot be held out; the monospace sans faces, like those some
# issuers print, are ones training never sees (synth.FONT_CHOICES).
BENCH_MRZ_FONTS = [
    (os.path.join(OCRB_DIR, "OCRB.otf"), 0.85),
    ("/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf", 0.10),
    ("/usr/share/fonts/truetype/noto/NotoMono-Regular.ttf", 0.05),
]
SANS_FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
]

# Physical sizes (ICAO 9303 parts 4-7), millimetres: page size, MRZ lines x length, MRZ margins.
LAYOUTS = {
    "TD1": dict(size=(85.6, 54.0), lines=3, length=30),
    "TD2": dict(size=(105.0, 74.0), lines=2, length=36),
    "TD3": dict(size=(125.0, 88.0), lines=2, length=44),
    "MRVA": dict(size=(120.0, 80.0), lines=2, length=44),
    "MRVB": dict(size=(105.0, 74.0), lines=2, length=36),
}
PITCH_MM = 2.54
LINE_SPACING_MM = 4.23  # ICAO: 6 lines per inch... MRZ lines sit 4.23 mm apart centre to centre

cd = synth.check_digit

# Issuing states the benchmark draws from: real ICAO codes, so the corrector's code list neither
# helps nor hurts more than on real documents, and some arbitrary ones it does not know.
STATES = ["DEU", "GBR", "USA", "FRA", "NLD", "ITA", "ESP", "CAN", "AUS", "CHN", "IND", "JPN",
          "KOR", "POL", "SWE", "NOR", "CHE", "AUT", "BEL", "IRL", "PRT", "GRC", "TUR", "BRA",
          "MEX", "ARG", "ZAF", "NGA", "EGY", "UKR", "ROU", "CZE", "HUN", "DNK", "FIN", "ISR",
          "SGP", "NZL", "PHL", "VNM", "THA", "IDN", "PAK", "LVA", "LTU", "EST", "SVK", "SVN",
          "HRV", "BGR", "ISL", "LUX", "MLT", "CYP", "MAR", "KEN", "GHA", "PER", "CHL", "COL"]


def _state(r):
    if r.random() < 0.05:
        return "D<<"
    return STATES[r.integers(len(STATES))]


def _date(r, lo_year, hi_year):
    y = int(r.integers(lo_year, hi_year + 1))
    m = int(r.integers(1, 13))
    d = int(r.integers(1, 29 if m == 2 else 31))
    return "%02d%02d%02d" % (y % 100, m, d)


def _docnum(r, allow_long=False):
    k = int(r.integers(7, 10))
    pool = synth.DIGITS if r.random() < 0.4 else synth.LETTERS + synth.DIGITS
    return "".join(r.choice(list(pool), k)) + "<" * (9 - k)


def _optional(r, width):
    if r.random() < 0.55:
        return "<" * width
    k = int(r.integers(1, width + 1))
    s = "".join(r.choice(list(synth.LETTERS + synth.DIGITS), k))
    return (s + "<" * width)[:width]


def mrz_lines(r, fmt):
    """A correct MRZ (all check digits hold) of format fmt."""
    lay = LAYOUTS[fmt]
    n = lay["length"]
    dn = _docnum(r)
    dob = _date(r, 1940, 2015)
    exp = _date(r, 2024, 2036)
    sex = r.choice(["M", "F", "<", "M", "F", "X"])
    nat = _state(r)
    iss = nat if r.random() < 0.8 else _state(r)
    if fmt == "TD1":
        code = r.choice(["I<", "ID", "IR", "AC", "C<", "I<"])
        l1 = code + iss + dn + cd(dn) + _optional(r, 15)
        l2 = dob + cd(dob) + sex + exp + cd(exp) + nat + _optional(r, 11)
        l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
        return [l1, l2, synth.name_field(r, 30)]
    visa = fmt.startswith("MRV")
    if visa:
        code = r.choice(["V<", "VD", "VS"])
    elif fmt == "TD3":
        code = r.choice(["P<", "P<", "PD", "PO", "PS"])
    else:
        code = r.choice(["I<", "ID", "AC", "IR"])
    l1 = code + iss + synth.name_field(r, n - 5)
    head = dn + cd(dn) + nat + dob + cd(dob) + sex + exp + cd(exp)
    if visa:
        return [l1, head + _optional(r, n - 28)]
    if fmt == "TD3":
        opt = _optional(r, 14)
        l2 = head + opt + (cd(opt) if opt.strip("<") else r.choice(["<", "0"]))
        return [l1, l2 + cd(l2[0:10] + l2[13:20] + l2[21:43])]
    l2 = head + _optional(r, 7)
    return [l1, l2 + cd(l2[0:10] + l2[13:20] + l2[21:35])]


# ----------------------------------------------------------------------------
# the document page
# ----------------------------------------------------------------------------
def _font(path, px):
    return ImageFont.truetype(path, max(6, int(round(px))))


def _pick(r, weighted):
    w = np.array([x[1] for x in weighted], np.float64)
    return weighted[r.choice(len(weighted), p=w / w.sum())][0]


def _background(r, h, w, low_contrast):
    """Security print: tinted paper with rosettes, waves or fine line fields (RGB float 0..1)."""
    hue = r.uniform(0, 180)
    sat = r.uniform(0.05, 0.25) if not low_contrast else r.uniform(0.35, 0.6)
    val = r.uniform(0.85, 0.98) if not low_contrast else r.uniform(0.55, 0.75)
    paper = cv2.cvtColor(np.uint8([[[hue, sat * 255, val * 255]]]), cv2.COLOR_HSV2RGB)[0, 0] / 255.0
    img = np.ones((h, w, 3), np.float32) * paper.astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    kind = r.integers(3)
    strength = r.uniform(0.05, 0.2) if not low_contrast else r.uniform(0.15, 0.3)
    ink = cv2.cvtColor(np.uint8([[[(hue + r.uniform(-30, 30)) % 180, 200, 150]]]), cv2.COLOR_HSV2RGB)[0, 0] / 255.0
    if kind == 0:  # rosette: concentric rings modulated in angle
        cx, cy = r.uniform(0, w), r.uniform(0, h)
        rr = np.hypot(xx - cx, yy - cy)
        th = np.arctan2(yy - cy, xx - cx)
        period = r.uniform(0.012, 0.03) * w
        s = np.sin(2 * math.pi * rr / period + r.uniform(1, 4) * np.sin(int(r.integers(6, 24)) * th))
    elif kind == 1:  # wave field
        period = r.uniform(0.008, 0.02) * w
        s = np.sin(2 * math.pi * yy / period + r.uniform(2, 8) * np.sin(2 * math.pi * xx / (r.uniform(0.1, 0.4) * w)))
    else:  # crossing line fields
        p1, p2 = r.uniform(0.006, 0.02) * w, r.uniform(0.006, 0.02) * w
        s = np.maximum(np.sin(2 * math.pi * (xx + yy) / p1), np.sin(2 * math.pi * (xx - 0.7 * yy) / p2))
    lines = np.clip(s * 3 - 2, 0, 1)[..., None]
    img = img * (1 - strength * lines) + ink.astype(np.float32) * strength * lines
    if r.random() < 0.5:  # a soft colour wash across the page
        g = (xx / w)[..., None] * r.normal(0, 0.08, 3).astype(np.float32)
        img = img + g
    return np.clip(img, 0, 1)


def _draw_text(mask, text, font, x, y):
    im = Image.fromarray(mask)
    ImageDraw.Draw(im).text((x, y), text, font=font, fill=255)
    mask[:] = np.asarray(im)


def _ink(img, mask, colour, opacity=1.0):
    a = (mask.astype(np.float32) / 255.0 * opacity)[..., None]
    img[:] = img * (1 - a) + np.asarray(colour, np.float32) * a


def render_page(r, fmt, mrz, px_per_mm, font_path, options):
    """The document at px_per_mm. Returns (rgb float32, per-line MRZ boxes in page pixels)."""
    lay = LAYOUTS[fmt]
    W = int(round(lay["size"][0] * px_per_mm))
    H = int(round(lay["size"][1] * px_per_mm))
    low = options.get("low_contrast", False)
    img = _background(r, H, W, low)
    mm = px_per_mm
    sans = SANS_FONTS[r.integers(len(SANS_FONTS))]

    # portrait: a grey head-and-shoulders in a frame, left side, above the MRZ
    mrz_top = H - (6.0 + (lay["lines"] - 1) * LINE_SPACING_MM + 3.0) * mm
    pw, ph = 0.28 * W, min(0.55 * H, mrz_top - 0.22 * H)
    px0, py0 = 0.05 * W, 0.18 * H
    tone = r.uniform(0.3, 0.8)
    img[int(py0):int(py0 + ph), int(px0):int(px0 + pw)] = np.float32([tone, tone * 0.95, tone * 0.9]) * r.uniform(0.8, 1.1)
    face = np.zeros((H, W), np.uint8)
    cv2.ellipse(face, (int(px0 + pw / 2), int(py0 + 0.42 * ph)), (int(0.28 * pw), int(0.3 * ph)), 0, 0, 360, 255, -1)
    cv2.ellipse(face, (int(px0 + pw / 2), int(py0 + ph)), (int(0.48 * pw), int(0.3 * ph)), 0, 180, 360, 255, -1)
    _ink(img, face, np.float32([0.75, 0.6, 0.5]) * r.uniform(0.4, 1.1), 0.9)

    # visual zone: a title and label/value pairs
    text = np.zeros((H, W), np.uint8)
    title = {"TD3": "PASSPORT", "MRVA": "VISA", "MRVB": "VISA"}.get(fmt, "IDENTITY CARD")
    _draw_text(text, title + " / " + "".join(r.choice(list(synth.LETTERS), 8)), _font(sans, 3.2 * mm), 0.05 * W, 0.04 * H)
    y = py0
    x = px0 + pw + 0.05 * W
    while y < mrz_top - 6 * mm:
        label = "".join(r.choice(list(synth.LETTERS.lower()), int(r.integers(4, 12))))
        _draw_text(text, label, _font(sans, 1.6 * mm), x, y)
        value = "".join(r.choice(list(synth.LETTERS + "  "), int(r.integers(4, 18))))
        _draw_text(text, value, _font(sans, 2.6 * mm), x, y + 1.9 * mm)
        y += r.uniform(5.5, 7.5) * mm
    _ink(img, text, np.float32([0.1, 0.1, 0.2]) * r.uniform(0.5, 1.5), r.uniform(0.7, 1.0))

    # MRZ: ICAO places it 1-3 mm above the bottom edge region, lines 4.23 mm apart, left margin ~6 mm
    font = ImageFont.truetype(font_path, 100)
    bbox = font.getbbox("H")
    cap = bbox[3] - bbox[1]
    size = int(round(100 * r.uniform(0.88, 0.98) * PITCH_MM * mm / cap))
    font = ImageFont.truetype(font_path, size)
    adv = font.getlength("H")
    pitch = PITCH_MM * mm
    left = r.uniform(4.0, 7.5) * mm
    bottom = H - r.uniform(4.0, 6.5) * mm
    mrz_mask = np.zeros((H, W), np.uint8)
    boxes = []
    n = lay["lines"]
    hb = font.getbbox("H")
    for i, line in enumerate(mrz):
        base = bottom - (n - 1 - i) * LINE_SPACING_MM * mm
        im = Image.fromarray(mrz_mask)
        d = ImageDraw.Draw(im)
        for k, ch in enumerate(line):
            cx = left + (k + 0.5) * pitch
            d.text((cx - adv / 2, base), ch, font=font, fill=255, anchor="ls")
        mrz_mask[:] = np.asarray(im)
        capline = base - (hb[3] - hb[1])
        boxes.append((left, capline, left + len(line) * pitch, base))
    colour = np.float32([0.05, 0.05, 0.08]) if not low else np.float32([0.15, 0.2, 0.45])
    _ink(img, mrz_mask, colour, r.uniform(0.85, 1.0) if not low else r.uniform(0.6, 0.8))

    x0 = min(b[0] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y0 = min(b[1] for b in boxes)
    y1 = max(b[3] for b in boxes)
    if options.get("highlight"):  # a marker or a translucent coloured band over the MRZ
        band = np.zeros((H, W), np.uint8)
        pad = r.uniform(0.3, 1.5) * mm
        cv2.rectangle(band, (int(x0 - pad), int(y0 - pad)), (int(x1 + pad), int(y1 + pad)), 255, -1)
        hl = [np.float32([1.0, 0.95, 0.2]), np.float32([0.5, 1.0, 0.4]), np.float32([1.0, 0.6, 0.8]), np.float32([0.5, 0.8, 1.0])]
        img[:] = img * (1 - (band[..., None] / 255.0) * (1 - hl[r.integers(len(hl))]) * r.uniform(0.5, 0.8))
    if options.get("box"):  # a thick frame drawn tight round the MRZ
        pad = r.uniform(0.4, 1.2) * mm
        frame = np.zeros((H, W), np.uint8)
        cv2.rectangle(frame, (int(x0 - pad), int(y0 - pad)), (int(x1 + pad), int(y1 + pad)), 255, max(2, int(r.uniform(0.3, 0.8) * mm)))
        _ink(img, frame, np.float32([0.1, 0.1, 0.1]) if r.random() < 0.5 else np.float32([0.6, 0.1, 0.1]), 1.0)
    if options.get("stamp"):  # a red or violet rubber stamp crossing an MRZ line
        st = np.zeros((H, W), np.uint8)
        rad = r.uniform(7, 11) * mm
        cx = r.uniform(x0 + rad, x1 - rad)
        cy = r.uniform(y0, y1)
        cv2.circle(st, (int(cx), int(cy)), int(rad), 255, max(2, int(0.6 * mm)))
        cv2.circle(st, (int(cx), int(cy)), int(rad * 0.75), 255, max(1, int(0.3 * mm)))
        _draw_text(st, "".join(r.choice(list(synth.LETTERS), 6)), _font(sans, 2.5 * mm), cx - 0.6 * rad, cy - 1.3 * mm)
        colour = np.float32([0.8, 0.1, 0.15]) if r.random() < 0.7 else np.float32([0.45, 0.15, 0.6])
        _ink(img, st, colour, r.uniform(0.5, 0.8))
    return img, boxes


# ----------------------------------------------------------------------------
# the camera
# ----------------------------------------------------------------------------
def _scene(r, h, w):
    """What lies behind the document: a desk, a keyboard, cloth or a plain surface."""
    kind = r.integers(4)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == 0:  # wood
        base = np.float32([0.55, 0.38, 0.22]) * r.uniform(0.6, 1.3)
        grain = np.sin(yy / r.uniform(3, 12) + 3 * np.sin(xx / r.uniform(80, 300)))
        img = base * (0.85 + 0.1 * grain[..., None])
    elif kind == 1:  # keyboard: dark keys in a grid
        img = np.ones((h, w, 3), np.float32) * np.float32([0.15, 0.15, 0.17])
        key = int(max(8, r.uniform(0.03, 0.06) * w))
        for ky in range(0, h, key):
            for kx in range(int(-key * r.random()), w, key):
                cv2.rectangle(img, (kx + 2, ky + 2), (kx + key - 3, ky + key - 3), (0.25, 0.25, 0.27), -1)
    elif kind == 2:  # cloth
        base = np.abs(r.normal(0.4, 0.2, 3)).astype(np.float32)
        img = np.ones((h, w, 3), np.float32) * base
        img += r.normal(0, 0.04, (h, w, 1)).astype(np.float32)
    else:
        img = np.ones((h, w, 3), np.float32) * np.float32(r.uniform(0.2, 0.95, 3))
    return np.clip(img, 0, 1)


def _curl(img, r, amount):
    """Bends the page like a booklet that does not lie flat: rows sag by a smooth profile."""
    h, w = img.shape[:2]
    xs = np.linspace(-1, 1, w, dtype=np.float32)
    profile = amount * h * (xs ** 2 - 1 / 3) * (1 if r.random() < 0.5 else -1)
    map_x = np.tile(np.arange(w, dtype=np.float32), (h, 1))
    map_y = np.arange(h, dtype=np.float32)[:, None] + profile[None, :]
    return cv2.remap(img, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), profile


def _homography(r, page_w, page_h, tilt_deg, angle_deg, out_w, out_h, fill):
    """A pinhole camera looking at the page tilted by tilt_deg, turned by angle_deg in the image."""
    corners = np.float32([[0, 0], [page_w, 0], [page_w, page_h], [0, page_h]])
    axis = r.uniform(0, 2 * math.pi)
    t = math.radians(tilt_deg)
    k = np.array([math.cos(axis), math.sin(axis), 0.0])
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    R = np.eye(3) + math.sin(t) * K + (1 - math.cos(t)) * K @ K
    f = r.uniform(0.9, 1.6) * max(page_w, page_h)
    pts3 = np.c_[corners - [page_w / 2, page_h / 2], np.zeros(4)] @ R.T + [0, 0, f * r.uniform(1.0, 1.3)]
    proj = pts3[:, :2] / pts3[:, 2:3] * f
    a = math.radians(angle_deg)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    proj = proj @ rot.T
    lo, hi = proj.min(0), proj.max(0)
    span = hi - lo
    scale = math.sqrt(fill * out_w * out_h / (span[0] * span[1]))
    scale = min(scale, 0.98 * out_w / span[0], 0.98 * out_h / span[1])
    proj = (proj - lo) * scale
    free = np.array([out_w, out_h]) - span * scale
    proj += free * r.uniform(0.1, 0.9, 2)
    return cv2.getPerspectiveTransform(corners, proj.astype(np.float32))


def mrz_pitch(H, boxes, n):
    """The pitch the reader will see: the last line's projected length over its cell count."""
    x0, y0, x1, y1 = boxes[-1]
    pts = cv2.perspectiveTransform(np.float32([[[x0, y1], [x1, y1]]]), H)[0]
    return float(np.hypot(*(pts[1] - pts[0]))) / n


def photograph(r, page, boxes, options, H):
    """Takes the photo through homography H (page pixels to photo pixels).

    Returns (uint8 RGB, MRZ pitch in photo pixels, MRZ fully inside, MRZ corners in the photo)."""
    ph, pw = page.shape[:2]
    out_w, out_h = options["size"]
    if options.get("curl", 0) > 0:
        page, _ = _curl(page, r, options["curl"])
    x0, y0, x1, y1 = boxes[-1]
    pitch = mrz_pitch(H, boxes, LAYOUTS[options["format"]]["length"])

    scene = _scene(r, out_h, out_w)
    # warp the page (downscaling is area-filtered first so the photo does not alias)
    scale = pitch / (PITCH_MM * options["px_per_mm"])
    src = page
    Hs = H
    if scale < 0.5:
        f = max(scale * 1.5, 1e-3)
        src = cv2.resize(page, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        S = np.diag([1 / f, 1 / f, 1.0])
        Hs = H @ S
    warped = cv2.warpPerspective(src, Hs, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    m = cv2.warpPerspective(np.ones(src.shape[:2], np.float32), Hs, (out_w, out_h), flags=cv2.INTER_LINEAR)
    img = scene * (1 - m[..., None]) + warped * m[..., None]

    # is every MRZ character inside the frame?
    quads = [cv2.perspectiveTransform(np.float32([[[bx0, by0], [bx1, by0], [bx1, by1], [bx0, by1]]]), H)[0]
             for (bx0, by0, bx1, by1) in boxes]
    q = np.concatenate(quads)
    inside = not ((q[:, 0] < 0).any() or (q[:, 1] < 0).any() or (q[:, 0] > out_w - 1).any() or (q[:, 1] > out_h - 1).any())

    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    if options.get("hand"):  # a thumb over a corner of the document, never over the MRZ text
        corner = cv2.perspectiveTransform(np.float32([[[0, 0], [pw, 0]]]), H)[0][r.integers(2)]
        rad = r.uniform(0.04, 0.08) * max(out_w, out_h)
        blob = np.exp(-(((xx - corner[0]) ** 2 + (yy - corner[1]) ** 2) / (2 * rad * rad)) ** 2)
        skin = np.float32([0.85, 0.62, 0.5]) * r.uniform(0.5, 1.1)
        img = img * (1 - blob[..., None]) + skin * blob[..., None]
    if options.get("shadow"):
        ang = r.uniform(0, 2 * math.pi)
        d = (np.cos(ang) * (xx - out_w / 2) + np.sin(ang) * (yy - out_h / 2)) / max(out_w, out_h)
        edge = 1 / (1 + np.exp(-(d - r.uniform(-0.2, 0.2)) / r.uniform(0.01, 0.08)))
        img = img * (1 - r.uniform(0.25, 0.55) * edge[..., None])
    if options.get("glare"):  # a specular spot, partly over the MRZ
        c = cv2.perspectiveTransform(np.float32([[[r.uniform(x0, x1), r.uniform(y0 - 6 * options["px_per_mm"], y1)]]]), H)[0][0]
        rad = r.uniform(1.5, 4) * pitch
        spot = np.exp(-((xx - c[0]) ** 2 + (yy - c[1]) ** 2) / (2 * rad * rad))
        img = img + spot[..., None] * r.uniform(0.3, 0.7)
    # illumination falloff and white balance
    vig = 1 - r.uniform(0, 0.3) * (((xx - out_w / 2) / out_w) ** 2 + ((yy - out_h / 2) / out_h) ** 2)
    img = img * vig[..., None] * np.float32(r.uniform(0.9, 1.1, 3)) * r.uniform(0.8, 1.1)

    # optics and sensor
    blur = options.get("blur", 0.0) * pitch
    if blur > 0.3:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if options.get("motion", 0) > 0:
        kl = max(3, int(round(options["motion"] * pitch)))
        kern = np.zeros((kl, kl), np.float32)
        kern[kl // 2, :] = 1
        rot = cv2.getRotationMatrix2D(((kl - 1) / 2, (kl - 1) / 2), r.uniform(0, 180), 1)
        kern = cv2.warpAffine(kern, rot, (kl, kl))
        img = cv2.filter2D(img, -1, kern / max(kern.sum(), 1e-6))
    img = img + r.normal(0, options.get("noise", 0.01), img.shape).astype(np.float32)
    img = np.clip(img, 0, 1)
    if options.get("sharpen"):  # phone cameras sharpen: halos round dark strokes
        soft = cv2.GaussianBlur(img, (0, 0), 1.2)
        img = np.clip(img + r.uniform(0.4, 1.0) * (img - soft), 0, 1)
    u8 = (img * 255 + 0.5).astype(np.uint8)
    return u8, pitch, inside, q


def encode_jpeg(rgb, quality):
    ok, enc = cv2.imencode(".jpg", rgb[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    assert ok
    return enc.tobytes()


FORMATS = ["TD1", "TD2", "TD3", "MRVA", "MRVB"]
FORMAT_WEIGHTS = [0.3, 0.15, 0.35, 0.1, 0.1]


def draw_options(r, kind=None):
    """The conditions of one photo. kind forces one failure kind (see KINDS); None draws a mix."""
    fmt = FORMATS[r.choice(len(FORMATS), p=FORMAT_WEIGHTS)]
    mp = float(np.exp(r.uniform(math.log(1.0), math.log(12.0))))
    if r.random() < 0.08:
        mp = r.uniform(12.0, 35.0)
    aspect = 4 / 3 if r.random() < 0.7 else 16 / 9
    w = int(math.sqrt(mp * 1e6 * aspect))
    h = int(w / aspect)
    if r.random() < 0.35:
        w, h = h, w
    u = r.random()
    if u < 0.45:
        angle = r.normal(0, 6)
    elif u < 0.7:
        angle = float(r.choice([90, 180, 270])) + r.normal(0, 6)
    else:
        angle = r.uniform(0, 360)
    o = dict(
        format=fmt,
        size=(w, h),
        tilt=float(r.choice([r.uniform(0, 10), r.uniform(10, 25), r.uniform(25, 40)], p=[0.35, 0.4, 0.25])),
        angle=float(angle),
        fill=float(r.uniform(0.15, 0.75)),
        curl=float(r.choice([0.0, r.uniform(0.005, 0.03)], p=[0.6, 0.4])),
        hand=bool(r.random() < 0.3),
        shadow=bool(r.random() < 0.35),
        glare=bool(r.random() < 0.2),
        blur=float(r.choice([0.0, r.uniform(0.02, 0.08), r.uniform(0.08, 0.14)], p=[0.4, 0.45, 0.15])),
        motion=float(r.uniform(0.1, 0.3) if r.random() < 0.1 else 0.0),
        noise=float(r.uniform(0.003, 0.03)),
        sharpen=bool(r.random() < 0.5),
        quality=int(r.integers(55, 96)),
        highlight=bool(r.random() < 0.08),
        box=bool(r.random() < 0.06),
        stamp=bool(r.random() < 0.08),
        low_contrast=bool(r.random() < 0.08),
        min_pitch=6.5,
    )
    if kind is not None:
        o.update(KINDS[kind](r, o))
    return o


# Failure kinds of issue 8, each forced on an otherwise ordinary photo.
KINDS = {
    "perspective": lambda r, o: dict(tilt=float(r.uniform(35, 40)), angle=float(r.normal(0, 3)), fill=0.6),
    "highlight": lambda r, o: dict(highlight=True, tilt=float(r.uniform(15, 25))),
    "box": lambda r, o: dict(box=True, tilt=float(r.uniform(5, 15))),
    "colour": lambda r, o: dict(low_contrast=True, tilt=float(r.uniform(5, 15))),
    "stamp": lambda r, o: dict(stamp=True, tilt=float(r.uniform(5, 15))),
    "angle15": lambda r, o: dict(angle=float(r.choice([15, -15, 75, 195])), tilt=float(r.uniform(25, 35)), size=(4000, 3000), fill=0.3),
    "small": lambda r, o: dict(size=(6000, 4000), fill=0.1, tilt=float(r.uniform(0, 20))),
    "lowres": lambda r, o: dict(size=(1000, 750), fill=0.45, blur=0.1, tilt=float(r.uniform(5, 15))),
    "cut": lambda r, o: dict(cut=True, angle=float(r.normal(0, 4)), tilt=float(r.uniform(0, 15))),
    # Not a failure: an easy TD3, the image the reader's worker threads read at start to warm up.
    "plain": lambda r, o: dict(format="TD3", size=(1200, 900), tilt=5.0, angle=1.0, fill=0.7, curl=0.0,
                               hand=False, shadow=False, glare=False, blur=0.0, motion=0.0, quality=80,
                               highlight=False, box=False, stamp=False, low_contrast=False),
}


def make_photo(seed, kind=None, font_path=None):
    """One labelled photo: (jpeg bytes, label dict). A 'cut' photo has its MRZ cut at the edge."""
    r = np.random.default_rng([seed, 0])
    o = draw_options(r, kind)
    fmt = o["format"]
    mrz = mrz_lines(r, fmt)
    font = font_path or _pick(r, BENCH_MRZ_FONTS)
    page_w, page_h = LAYOUTS[fmt]["size"]
    # The page has its own random stream, so it can be drawn again at another resolution.
    ppm = 12.0
    page, boxes = render_page(np.random.default_rng([seed, 1]), fmt, mrz, ppm, font, o)
    boxes_mm = [tuple(v / ppm for v in b) for b in boxes]
    n = LAYOUTS[fmt]["length"]
    for _ in range(20):
        H_mm = _homography(r, page_w, page_h, o["tilt"], o["angle"], o["size"][0], o["size"][1], o["fill"])
        if mrz_pitch(H_mm, boxes_mm, n) >= o["min_pitch"]:
            break
        o["fill"] = min(0.9, o["fill"] * 1.3)  # too small: move closer
    # the master stays sharper than the photo (up to 30 px per mm, a 76 px master pitch)
    want = min(30.0, 1.3 * mrz_pitch(H_mm, boxes_mm, n) / PITCH_MM)
    if want > ppm:
        ppm = want
        page, boxes = render_page(np.random.default_rng([seed, 1]), fmt, mrz, ppm, font, o)
    o["px_per_mm"] = ppm
    H = H_mm @ np.diag([1 / ppm, 1 / ppm, 1.0])
    rgb, pitch, inside, quad = photograph(r, page, boxes, o, H)
    if o.get("cut"):
        # the frame's edge runs through the MRZ: a fifth to a half of every line is outside
        lo, hi = quad[:, 0].min(), quad[:, 0].max()
        keep = r.uniform(0.5, 0.8)
        if r.random() < 0.5:
            rgb = rgb[:, : int(lo + keep * (hi - lo))]
        else:
            rgb = rgb[:, int(hi - keep * (hi - lo)):]
        rgb = np.ascontiguousarray(rgb)
    dob, exp = (mrz[1][0:6], mrz[1][8:14]) if fmt == "TD1" else (mrz[1][13:19], mrz[1][21:27])
    label = dict(
        mrz=None if o.get("cut") else mrz,
        format=fmt,
        checksOk=True,
        dateOfBirth=dob,
        expiryDate=exp,
        kind=kind or "mixed",
        pitch=round(pitch, 1),
        tilt=round(o["tilt"], 1),
        angle=round(o["angle"] % 360, 1),
        megapixels=round(rgb.shape[0] * rgb.shape[1] / 1e6, 1),
        font=os.path.basename(font),
        conditions=[k for k in ("curl", "hand", "shadow", "glare", "blur", "motion", "sharpen", "highlight", "box", "stamp", "low_contrast") if o.get(k)],
    )
    return encode_jpeg(rgb, o["quality"]), label
