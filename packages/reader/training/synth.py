"""Synthetic MRZ line generator for the per-cell OCR model.

Produces model inputs that follow the reader's contract exactly:
  float32 [32, 16*N], 0 = ink, 1 = paper, per-line p2/p98 contrast normalised,
  crop = N cells of the line's pitch p horizontally, 1.6*p tall, centred on the
  line middle (halfway between cap line and baseline).

Pipeline per sample: compose glyph alpha on a high-res canvas (target line +
neighbouring MRZ lines) -> area-downscale to a random "source" pitch (4.5..40 px)
-> residual rotation / shear / perspective -> paper background, guilloche,
ink colour, lighting, blur, noise, JPEG -> jittered crop at the contract geometry
-> resample to 32 x 16N -> contrast normalisation.
"""
import json
import math
import os

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

cv2.setNumThreads(1)

# The models' input contract, shared with the TypeScript reader (src/recognise/model-input.ts).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "model-input.json")) as _f:
    MODEL_INPUT = json.load(_f)
ALPHABET = MODEL_INPUT["alphabet"]
CELL_WIDTH = MODEL_INPUT["cellWidth"]
CROP_HEIGHT = MODEL_INPUT["cropHeight"]
CROP_HEIGHT_IN_PITCHES = MODEL_INPUT["cropHeightInPitches"]
NORMALISE_PERCENTILES = MODEL_INPUT["normalisePercentiles"]
# the sequence model emits one frame per SEQUENCE_STRIDE input columns
SEQUENCE_STRIDE = MODEL_INPUT["sequenceStride"]
CHAR2IDX = {c: i for i, c in enumerate(ALPHABET)}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"

OCRB_DIR = "/usr/share/fonts/opentype/ocr-b"
DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu"
# (path, weight) -- OCR-B dominates; the monospace sans faces stand for the wider fonts some
# issuers print. photos.BENCH_MRZ_FONTS holds the faces kept out of training for the benchmark.
FONT_CHOICES = [
    (os.path.join(OCRB_DIR, "OCRB.otf"), 0.70),
    (os.path.join(OCRB_DIR, "OCRBS.otf"), 0.10),
    (os.path.join(DEJAVU_DIR, "DejaVuSansMono.ttf"), 0.04),
    (os.path.join(DEJAVU_DIR, "DejaVuSansMono-Bold.ttf"), 0.02),
]
for _p, _w in (("/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf", 0.02),
               ("/usr/share/fonts/truetype/freefont/FreeMono.ttf", 0.01),
               ("/usr/share/fonts/opentype/b612/B612Mono-Regular.otf", 0.03),
               ("/usr/share/fonts/truetype/hack/Hack-Regular.ttf", 0.03),
               ("/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf", 0.03),
               ("/usr/share/fonts/truetype/inconsolata/Inconsolata.otf", 0.02)):
    if os.path.exists(_p):
        FONT_CHOICES.append((_p, _w))

CAP_PX = 40  # cap height of glyphs on the high-res canvas
# OCR-B measured: advance 723/1000 em, cap height ('H') 722/1000 em, i.e. at the
# font's native 10 cpi pitch the cap height is ~1.0 p.  ICAO prints 2.54 mm pitch
# with ~2.4 mm characters (0.94 p).  We sample cap/pitch in [0.84, 1.02].
CAP_RATIO_RANGE = (0.84, 1.02)


# ----------------------------------------------------------------------------
# glyph atlas
# ----------------------------------------------------------------------------
class Atlas:
    """Per font: for every class and stroke-weight variant a glyph alpha image,
    positioned relative to (cell centre x, baseline y)."""

    WEIGHTS = (-2, 0, 2, 4)  # stroke width change in canvas px (erode/dilate)

    def __init__(self, path):
        ft0 = ImageFont.truetype(path, 1000)
        im = Image.new("L", (2000, 2000), 0)
        ImageDraw.Draw(im).text((500, 1500), "H", font=ft0, fill=255, anchor="ls")
        ys = np.nonzero(np.array(im) > 127)[0]
        cap = (1500 - ys.min()) / 1000.0
        size = int(round(CAP_PX / cap))
        ft = ImageFont.truetype(path, size)
        adv = ft.getlength("H")
        box = int(size * 1.6)
        self.glyphs = {}  # (cls, wi) -> (alpha float32, x_off, y_off)
        for ci, ch in enumerate(ALPHABET):
            im = Image.new("L", (box, box), 0)
            cx, by = box // 2, int(box * 0.8)
            ImageDraw.Draw(im).text((cx - adv / 2.0, by), ch, font=ft, fill=255, anchor="ls")
            a = np.asarray(im, dtype=np.float32) / 255.0
            for wi, w in enumerate(self.WEIGHTS):
                if w > 0:
                    k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (w + 1, w + 1))
                    aw = cv2.dilate(a, k)
                elif w < 0:
                    k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (-w + 1, -w + 1))
                    aw = cv2.erode(a, k)
                else:
                    aw = a
                ys, xs = np.nonzero(aw > 0.01)
                y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
                self.glyphs[(ci, wi)] = (np.ascontiguousarray(aw[y0:y1, x0:x1]), x0 - cx, y0 - by)


_ATLASES = None


def atlases():
    global _ATLASES
    if _ATLASES is None:
        _ATLASES = [(Atlas(p), w) for p, w in FONT_CHOICES]
    return _ATLASES


# ----------------------------------------------------------------------------
# text content
# ----------------------------------------------------------------------------
SYL_C = "BCDFGHJKLMNPRSTVWZ"
SYL_V = "AEIOUY"
COUNTRIES = ["UTO", "D<<", "GBR", "USA", "FRA", "NLD", "ITA", "ESP", "CAN", "AUS", "CHN", "IND",
             "JPN", "KOR", "RUS", "POL", "SWE", "NOR", "CHE", "AUT", "BEL", "IRL", "PRT", "GRC",
             "TUR", "BRA", "MEX", "ARG", "ZAF", "NGA", "EGY", "UKR", "ROU", "CZE", "HUN", "DNK",
             "FIN", "ISR", "SGP", "NZL", "PHL", "VNM", "THA", "IDN", "PAK", "GBD", "XXA", "UNO"]


def rand_country(r):
    if r.random() < 0.75:
        return COUNTRIES[r.integers(len(COUNTRIES))]
    return "".join(r.choice(list(LETTERS), 3))


def rand_name_part(r):
    n = int(r.integers(1, 5))
    s = ""
    for _ in range(n):
        if r.random() < 0.85:
            s += r.choice(list(SYL_C))
        s += r.choice(list(SYL_V))
        if r.random() < 0.35:
            s += r.choice(list(SYL_C))
    if r.random() < 0.1:
        s = "".join(r.choice(list(LETTERS), int(r.integers(2, 12))))
    return s[:14]


def name_field(r, width):
    sur = [rand_name_part(r) for _ in range(int(r.choice([1, 1, 1, 2, 2, 3])))]
    giv = [rand_name_part(r) for _ in range(int(r.choice([0, 1, 1, 1, 2, 2, 3])))]
    s = "<".join(sur)
    if giv:
        s += "<<" + "<".join(giv)
    s = s[:width]
    return s + "<" * (width - len(s))


def check_digit(s):
    w = (7, 3, 1)
    t = 0
    for i, c in enumerate(s):
        if c.isdigit():
            v = int(c)
        elif c == "<":
            v = 0
        else:
            v = ord(c) - 55
        t += v * w[i % 3]
    return str(t % 10)


def rand_docnum(r):
    k = int(r.integers(6, 10))
    if r.random() < 0.5:
        s = "".join(r.choice(list(DIGITS), k))
    else:
        s = "".join(r.choice(list(LETTERS + DIGITS), k))
    return s + "<" * (9 - k)


def rand_date(r):
    return "%02d%02d%02d" % (r.integers(0, 100), r.integers(1, 13), r.integers(1, 32))


def rand_optional(r, width):
    u = r.random()
    if u < 0.55:
        return "<" * width
    k = int(r.integers(1, width + 1))
    s = "".join(r.choice(list(LETTERS + DIGITS + "<"), k))
    return (s + "<" * width)[:width]


def rand_sex(r):
    return r.choice(["M", "F", "<", "M", "F", "X"])


def mrz_document(r):
    """Returns a list of lines (TD1: 3x30, TD2: 2x36, TD3: 2x44)."""
    fmt = r.choice(["TD1", "TD2", "TD3", "TD3"])
    dn = rand_docnum(r)
    dcd = check_digit(dn)
    dob = rand_date(r)
    exp = rand_date(r)
    sex = rand_sex(r)
    nat = rand_country(r)
    iss = rand_country(r)
    if fmt == "TD3":
        dt = "P" + r.choice(["<", "<", "<", "D", "S", "O", "M"])
        l1 = dt + iss + name_field(r, 39)
        opt = rand_optional(r, 14)
        ocd = check_digit(opt) if r.random() < 0.7 else "<"
        l2 = dn + dcd + nat + dob + check_digit(dob) + sex + exp + check_digit(exp) + opt + ocd
        l2 += check_digit(l2[0:10] + l2[13:20] + l2[21:43])
        return [l1, l2]
    if fmt == "TD2":
        dt = r.choice(["I", "A", "C", "V"]) + r.choice(["<", "<", "D", "R", "P"])
        l1 = dt + iss + name_field(r, 31)
        opt = rand_optional(r, 7)
        l2 = dn + dcd + nat + dob + check_digit(dob) + sex + exp + check_digit(exp) + opt
        l2 += check_digit(l2[0:10] + l2[13:20] + l2[21:35])
        return [l1, l2]
    dt = r.choice(["I", "A", "C", "I", "I"]) + r.choice(["<", "<", "D", "R", "P", "O"])
    l1 = dt + iss + dn + dcd + rand_optional(r, 15)
    l2 = dob + check_digit(dob) + sex + exp + check_digit(exp) + nat + rand_optional(r, 11)
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    l3 = name_field(r, 30)
    return [l1, l2, l3]


CONFUSABLE = "<KXO0QDU1I7TL8B3S5Z2G6CEFHNMW"


def random_line(r, n):
    u = r.random()
    if u < 0.4:
        return "".join(r.choice(list(ALPHABET), n))
    if u < 0.7:
        # runs of filler mixed with letters / confusables
        out = []
        while len(out) < n:
            if r.random() < 0.4:
                out += ["<"] * int(r.integers(1, 12))
            else:
                pool = CONFUSABLE if r.random() < 0.5 else ALPHABET
                out += list(r.choice(list(pool), int(r.integers(1, 6))))
        return "".join(out[:n])
    # digit-heavy
    pool = DIGITS + "<" if r.random() < 0.5 else DIGITS + LETTERS
    return "".join(r.choice(list(pool), n))


def random_document(r):
    """Either a realistic MRZ document or lines of random content."""
    if r.random() < 0.62:
        return mrz_document(r)
    n = int(r.choice([30, 36, 44, 44]))
    k = 3 if n == 30 else 2
    return [random_line(r, n) for _ in range(k)]


# ----------------------------------------------------------------------------
# rendering
# ----------------------------------------------------------------------------
def _pick_atlas(r):
    ws = np.array([w for _, w in atlases()])
    return atlases()[r.choice(len(ws), p=ws / ws.sum())][0]


def _paste(canvas, g, x, y):
    a, xo, yo = g
    x0 = int(round(x + xo))
    y0 = int(round(y + yo))
    h, w = a.shape
    H, W = canvas.shape
    cx0, cy0 = max(x0, 0), max(y0, 0)
    cx1, cy1 = min(x0 + w, W), min(y0 + h, H)
    if cx1 <= cx0 or cy1 <= cy0:
        return
    sub = a[cy0 - y0:cy1 - y0, cx0 - x0:cx1 - x0]
    np.maximum(canvas[cy0:cy1, cx0:cx1], sub, out=canvas[cy0:cy1, cx0:cx1])


def _log_uniform(r, a, b):
    return math.exp(r.uniform(math.log(a), math.log(b)))


def _source_pitch(r, hard):
    if not hard:
        return _log_uniform(r, 9.0, 40.0)
    u = r.random()
    if u < 0.3:
        return r.uniform(4.5, 8.0)
    if u < 0.8:
        return _log_uniform(r, 8.0, 20.0)
    return _log_uniform(r, 20.0, 40.0)


def _background(r, h, w, hard):
    """Paper colour + gradients + guilloche / security pattern, float32 HxWx3 in [0,1]."""
    base_choices = np.array([
        [0.97, 0.97, 0.96], [0.95, 0.93, 0.85], [0.90, 0.93, 0.97], [0.96, 0.90, 0.92],
        [0.90, 0.96, 0.90], [0.88, 0.88, 0.88], [0.98, 0.95, 0.80], [0.85, 0.90, 0.95],
    ], np.float32)
    base = base_choices[r.integers(len(base_choices))] * r.uniform(0.75, 1.05)
    base = base + r.normal(0, 0.03, 3).astype(np.float32)
    bg = np.ones((h, w, 3), np.float32) * base
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # linear gradient
    if r.random() < 0.6:
        ang = r.uniform(0, 2 * math.pi)
        g = (np.cos(ang) * xx + np.sin(ang) * yy) / max(h, w)
        col = r.normal(0, 0.08, 3).astype(np.float32) * (2.0 if hard else 1.0)
        bg += g[..., None] * col
    # guilloche-like sine patterns (lines of colour)
    if r.random() < (0.65 if hard else 0.4):
        for _ in range(int(r.integers(1, 4))):
            period = r.uniform(2.0, 25.0)
            f1 = 2 * math.pi / period
            a2 = r.uniform(0, 8.0)
            f2 = 2 * math.pi / r.uniform(10.0, 80.0)
            ang = r.uniform(0, math.pi)
            u = np.cos(ang) * xx + np.sin(ang) * yy
            v = -np.sin(ang) * xx + np.cos(ang) * yy
            s = np.sin(f1 * u + a2 * np.sin(f2 * v + r.uniform(0, 6.28)))
            sharp = r.uniform(1.0, 6.0)
            patt = np.clip(s * sharp - (sharp - 1), 0, 1)  # thin lines
            col = r.uniform(0.02, 0.18 if hard else 0.10) * np.abs(r.normal(0.6, 0.4, 3)).astype(np.float32)
            bg -= patt[..., None] * col
    # smooth blotches
    if r.random() < 0.5:
        sm = r.normal(0, 1, (max(2, h // 16), max(2, w // 16))).astype(np.float32)
        sm = cv2.resize(sm, (w, h), interpolation=cv2.INTER_CUBIC)
        bg += sm[..., None] * r.uniform(0.0, 0.05 if hard else 0.02)
    return bg


def _overlays(r, bg, w, h, mid, pitch):
    """What people and issuers put over an MRZ: a highlighter band, a frame drawn round it, a
    rubber stamp crossing it, a specular spot. Drawn on the paper, under the ink."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if r.random() < 0.08:
        top = mid - r.uniform(0.6, 1.6) * pitch
        bottom = mid + r.uniform(0.6, 1.6) * pitch
        band = ((yy > top) & (yy < bottom)).astype(np.float32)[..., None]
        colour = np.float32([[1.0, 0.95, 0.2], [0.5, 1.0, 0.4], [1.0, 0.6, 0.8], [0.5, 0.8, 1.0]][r.integers(4)])
        bg = bg * (1 - band * (1 - colour) * r.uniform(0.4, 0.8))
    if r.random() < 0.06:
        thick = max(1, int(round(r.uniform(0.1, 0.35) * pitch)))
        colour = tuple(float(v) for v in r.uniform(0.0, 0.5, 3))
        y = int(round(mid + r.choice([-1, 1]) * r.uniform(0.75, 1.4) * pitch))
        cv2.line(bg, (0, y), (w, y), colour, thick)
        if r.random() < 0.5:
            x = int(r.choice([r.uniform(0, 1.5 * pitch), w - r.uniform(0, 1.5 * pitch)]))
            cv2.line(bg, (x, 0), (x, h), colour, thick)
    if r.random() < 0.06:
        colour = np.float32([0.8, 0.1, 0.15]) if r.random() < 0.7 else np.float32([0.45, 0.15, 0.6])
        rad = r.uniform(3, 9) * pitch
        c = (r.uniform(0, w), mid + r.uniform(-rad, rad))
        ring = np.abs(np.hypot(xx - c[0], yy - c[1]) - rad) < r.uniform(0.1, 0.3) * pitch
        a = ring.astype(np.float32)[..., None] * r.uniform(0.4, 0.8)
        bg = bg * (1 - a) + colour * a
    if r.random() < 0.06:
        c = (r.uniform(0, w), mid + r.uniform(-pitch, pitch))
        rad = r.uniform(0.8, 3.0) * pitch
        bg = bg + (np.exp(-((xx - c[0]) ** 2 + (yy - c[1]) ** 2) / (2 * rad * rad)) * r.uniform(0.3, 0.8))[..., None]
    return bg


def _faint_text(r, atlas, canvas_shape, cap_px, pitch):
    """Faint background print (e.g. security text / visual zone bleeding): alpha map."""
    H, W = canvas_shape
    m = np.zeros(canvas_shape, np.float32)
    sc = r.uniform(0.4, 1.2)
    y = r.uniform(0, H)
    while y < H + cap_px:
        x = r.uniform(-pitch, 0)
        while x < W:
            if r.random() < 0.8:
                g = atlas.glyphs[(int(r.integers(1, 37)), 1)]
                if sc != 1.0:
                    a = cv2.resize(g[0], None, fx=sc, fy=sc, interpolation=cv2.INTER_AREA)
                    g = (a, g[1] * sc, g[2] * sc)
                _paste(m, g, x, y)
            x += pitch * sc * r.uniform(0.9, 1.3)
        y += cap_px * sc * r.uniform(1.5, 3.0)
    return m


class Sample:
    __slots__ = ("image", "label", "text")


def render_window(r, lines, li, j, n, hard=True, area_resample=None, pitch_range=None, sequence=False):
    """Render cells [j, j+n) of line `li` of the document `lines`.

    Returns float32 [32, 16n] image (contract normalised) and the label indices. With `sequence`
    the crop is not cut into cells (the sequence model's contract, README): its edges fall between
    characters, or beyond a line end by up to 1.8 pitches, the pitch along it may change by half
    from end to end (perspective), and it is resampled at 16 px per *estimated* pitch, so
    characters are 12-20 px apart and not where cells would be.
    """
    line = lines[li]
    L = len(line)
    atlas = _pick_atlas(r)
    wi_p = [0.15, 0.55, 0.22, 0.08] if hard else [0.1, 0.7, 0.2, 0.0]
    wi = int(r.choice(4, p=wi_p))

    k = r.uniform(*CAP_RATIO_RANGE)
    P = CAP_PX / k  # canvas pitch
    ctx = 3 if sequence else 2  # context cells either side
    Wc = int(math.ceil((n + 2 * ctx) * P))
    spacing_up = r.uniform(1.45, 2.1) * P
    spacing_dn = r.uniform(1.45, 2.1) * P
    half_h = 2.6 * P
    Hc = int(math.ceil(2 * half_h))
    mid_y = half_h  # line middle on the canvas
    base_y = mid_y + CAP_PX / 2.0  # baseline

    ink = np.zeros((Hc, Wc), np.float32)
    jit = r.uniform(0.0, 0.045 if hard else 0.025)
    slope = r.uniform(-0.02, 0.02) if hard else 0.0  # pitch varies along the line
    # perspective: the pitch grows linearly along the line, by up to half from one end to the other
    persp = (r.uniform(-0.2, 0.2) if hard else r.uniform(-0.06, 0.06)) if sequence else 0.0
    yjit = r.uniform(0.0, 0.04 if hard else 0.02)

    def xpos(i):
        t = (i - j) - (n - 1) / 2.0
        return (ctx + (i - j) + 0.5) * P + slope * t * abs(t) * P / max(n, 1) * 2 + persp * t * t * P / max(n, 1)

    centres = {}
    for i in range(j - ctx, j + n + ctx):
        if 0 <= i < L:
            x = xpos(i) + r.normal(0, jit) * P
            y = base_y + r.normal(0, yjit) * P
            if i == j or i == j + n - 1:
                centres[i] = xpos(i)  # nominal centre (what a locator would estimate)
            _paste(ink, atlas.glyphs[(CHAR2IDX[line[i]], wi)], x, y)
    # neighbouring lines (same grid, own jitter)
    xoff = r.normal(0, 0.05) * P
    for dl, sp in ((-1, -spacing_up), (1, spacing_dn)):
        ln = li + dl
        other = None
        if 0 <= ln < len(lines):
            other = lines[ln]
        elif r.random() < 0.25:
            other = random_line(r, L) if r.random() < 0.5 else None
            if other is None:
                # visual-zone like text above/below, different size
                fa = _faint_text(r, atlas, ink.shape, CAP_PX, P)
                if dl < 0:
                    fa[int(max(0, mid_y - 0.9 * P)):, :] = 0
                else:
                    fa[:int(mid_y + 0.9 * P), :] = 0
                np.maximum(ink, fa * r.uniform(0.5, 1.0), out=ink)
        if other is not None:
            for i in range(j - ctx, j + n + ctx):
                if 0 <= i < len(other):
                    x = xpos(i) + xoff + r.normal(0, jit) * P
                    y = base_y + sp + r.normal(0, yjit) * P
                    _paste(ink, atlas.glyphs[(CHAR2IDX[other[i]], wi)], x, y)

    # page/document edge beyond the line ends (card edge, dark table)
    outside = None
    if hard and r.random() < 0.15 and (j == 0 or j + n == L):
        outside = np.zeros_like(ink)
        if j == 0 and r.random() < 0.5:
            xe = int((ctx + 0.5) * P - r.uniform(0.8, 2.5) * P)
            if xe > 0:
                outside[:, :xe] = 1
        else:
            xe = int((ctx + n + 0.5) * P + r.uniform(0.8, 2.5) * P)
            if xe < Wc:
                outside[:, xe:] = 1

    # ---- downscale to source resolution ----------------------------------
    s = _source_pitch(r, hard) if pitch_range is None else _log_uniform(r, *pitch_range)
    f = s / P
    ws, hs = max(4, int(round(Wc * f))), max(4, int(round(Hc * f)))
    fx, fy = ws / Wc, hs / Hc
    ink_s = cv2.resize(ink, (ws, hs), interpolation=cv2.INTER_AREA)
    if outside is not None:
        outside = cv2.resize(outside, (ws, hs), interpolation=cv2.INTER_AREA)
    # canvas -> source mapping for pixel centres: x' = (x + .5) * fx - .5
    S = np.array([[fx, 0, 0.5 * fx - 0.5], [0, fy, 0.5 * fy - 0.5], [0, 0, 1]], np.float64)

    # residual rotation / shear / perspective about the window centre
    cxs, cys = ws / 2.0, mid_y * fy
    max_ang = min(2.0, math.degrees(math.atan(0.3 / max(n / 2.0, 1.0)))) if hard else 0.3
    ang = math.radians(r.uniform(-max_ang, max_ang))
    shear = r.uniform(-0.12, 0.12) if hard else r.uniform(-0.04, 0.04)  # italic-like x shear
    A = np.array([[math.cos(ang), -math.sin(ang) + shear, 0], [math.sin(ang), math.cos(ang), 0], [0, 0, 1]])
    T1 = np.array([[1, 0, -cxs], [0, 1, -cys], [0, 0, 1]])
    T2 = np.array([[1, 0, cxs], [0, 1, cys], [0, 0, 1]])
    Pm = np.eye(3)
    if hard and r.random() < 0.5:
        # keystone residue; bounded so that cells in the middle of the line move by at
        # most ~0.12 cell relative to the uniform grid, whatever the line length
        Pm[2, 0] = r.uniform(-1.0, 1.0) * min(0.15, 1.0 / n) / ws
        Pm[2, 1] = r.uniform(-0.15, 0.15) / hs
    M = T2 @ Pm @ A @ T1
    ink_s = cv2.warpPerspective(ink_s, M, (ws, hs), flags=cv2.INTER_LINEAR, borderValue=0)
    if outside is not None:
        outside = cv2.warpPerspective(outside, M, (ws, hs), flags=cv2.INTER_LINEAR, borderValue=0)
    MS = M @ S

    def tmap(x, y):
        v = MS @ np.array([x, y, 1.0])
        return v[0] / v[2], v[1] / v[2]

    # ---- paper, ink, lighting --------------------------------------------
    bg = _background(r, hs, ws, hard)
    if r.random() < 0.25:
        fa = _faint_text(r, atlas, ink.shape, CAP_PX, P)
        fa = cv2.resize(fa, (ws, hs), interpolation=cv2.INTER_AREA)
        fa = cv2.warpPerspective(fa, M, (ws, hs), flags=cv2.INTER_LINEAR)
        col = np.abs(r.normal(0.5, 0.3, 3)).astype(np.float32) * r.uniform(0.05, 0.25 if hard else 0.12)
        bg -= fa[..., None] * col
    if outside is not None:
        oc = r.uniform(0.0, 0.9, 3).astype(np.float32)
        bg = bg * (1 - outside[..., None]) + oc * outside[..., None]
    if hard:
        bg = _overlays(r, bg, ws, hs, mid_y * fy, s)
    ink_choices = np.array([[0.02, 0.02, 0.02], [0.12, 0.12, 0.12], [0.05, 0.07, 0.25],
                            [0.2, 0.2, 0.22], [0.08, 0.05, 0.05], [0.3, 0.3, 0.3]], np.float32)
    ic = ink_choices[r.integers(len(ink_choices))] + r.uniform(0, 0.08)
    opacity = r.uniform(0.35, 1.0) if hard else r.uniform(0.75, 1.0)
    a = ink_s[..., None] * opacity
    img = bg * (1 - a) + ic * a
    if r.random() < (0.5 if hard else 0.2):
        # uneven illumination + glare
        yy, xx = np.mgrid[0:hs, 0:ws].astype(np.float32)
        gx, gy = r.uniform(0, ws), r.uniform(-hs, 2 * hs)
        rad = r.uniform(0.3, 2.0) * max(ws, hs) / 2
        blob = np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * rad * rad))
        gain = r.uniform(0.5, 1.0) + (1 - r.uniform(0.5, 1.0)) * (xx / ws)
        img = img * gain[..., None]
        if r.random() < 0.5:
            img = img + blob[..., None] * r.uniform(0.1, 0.6 if hard else 0.3)
        else:
            img = img * (1 - blob[..., None] * r.uniform(0.1, 0.5))

    # ---- optics / sensor ---------------------------------------------------
    # blur sigma in units of the source pitch (the area downscale adds its own blur)
    if hard:
        bs = s * r.choice([0.0, r.uniform(0.02, 0.08), r.uniform(0.06, 0.14)], p=[0.3, 0.45, 0.25])
    else:
        bs = s * r.uniform(0.0, 0.05)
    if bs > 0.15:
        img = cv2.GaussianBlur(img, (0, 0), bs)
    if hard and r.random() < 0.12:
        kl = max(2, int(round(r.uniform(0.08, 0.25) * s)))
        kern = np.zeros((kl, kl), np.float32)
        kern[kl // 2, :] = 1
        rot = cv2.getRotationMatrix2D(((kl - 1) / 2, (kl - 1) / 2), r.uniform(0, 180), 1)
        kern = cv2.warpAffine(kern, rot, (kl, kl))
        kern /= max(kern.sum(), 1e-6)
        img = cv2.filter2D(img, -1, kern)
    if r.random() < 0.3:  # phone sharpening: halos round strokes
        soft = cv2.GaussianBlur(img, (0, 0), max(0.6, 0.08 * s))
        img = img + r.uniform(0.3, 1.0) * (img - soft)
    ns = r.uniform(0.0, 0.06 if hard else 0.02)
    if ns > 0:
        img = img + r.normal(0, ns, img.shape).astype(np.float32)
    img = np.clip(img, 0, 1)
    u8 = (img * 255 + 0.5).astype(np.uint8)
    if r.random() < (0.7 if hard else 0.4):
        q = int(r.integers(20, 96)) if hard else int(r.integers(50, 96))
        ok, enc = cv2.imencode(".jpg", u8[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, q])
        u8 = cv2.imdecode(enc, cv2.IMREAD_COLOR)[..., ::-1]
    grey = (u8[..., 0] * 0.299 + u8[..., 1] * 0.587 + u8[..., 2] * 0.114).astype(np.float32)

    # ---- crop at contract geometry (with locator jitter) ------------------
    (xf, _), (xl, _) = tmap(centres[j], mid_y), tmap(centres[j + n - 1], mid_y)
    _, ym = tmap((ctx + n / 2.0) * P, mid_y)
    p = (xl - xf) / (n - 1) if n > 1 else s
    if n == 1:
        xf = xl = tmap(centres[j], mid_y)[0]
    if sequence:
        # edges in the gap between glyphs, or out beyond a line end; the width follows a pitch
        # estimated with a few per cent of error, as the reader's is
        # (local pitch at each end: under perspective it differs from the mean)
        pl = xf - tmap(xpos(j - 1), mid_y)[0]
        pr = tmap(xpos(j + n), mid_y)[0] - xl
        x0 = xf - pl * (0.5 + (r.uniform(-0.15, 1.8) if j == 0 else r.uniform(-0.1, 0.1)))
        x1 = xl + pr * (0.5 + (r.uniform(-0.15, 1.8) if j + n == L else r.uniform(-0.1, 0.1)))
        p *= math.exp(r.normal(0, 0.06))
        out_w = max(CELL_WIDTH, int(round(CELL_WIDTH * (x1 - x0) / p / SEQUENCE_STRIDE)) * SEQUENCE_STRIDE)
    else:
        ej = 0.35 if hard else 0.12
        jl = r.uniform(-ej, ej) if r.random() < 0.8 else r.normal(0, ej / 3)
        jr = r.uniform(-ej, ej) if r.random() < 0.8 else r.normal(0, ej / 3)
        x0 = xf - p / 2 + jl * p
        x1 = xl + p / 2 + jr * p
        out_w = CELL_WIDTH * n
    hsc = r.uniform(0.8, 1.25) if hard else r.uniform(0.92, 1.08)
    h = CROP_HEIGHT_IN_PITCHES * p * hsc
    cj = 0.15 if hard else 0.05
    yc = ym + r.uniform(-cj, cj) * h
    y0 = yc - h / 2
    out = crop_resample(grey, x0, y0, x1 - x0, h, out_w, CROP_HEIGHT,
                        area=(area_resample if area_resample is not None else r.random() < 0.85))
    out = normalise(out)
    return out, np.array([CHAR2IDX[c] for c in line[j:j + n]], np.int64)


def crop_resample(grey, x0, y0, w, h, ow, oh, area=True):
    """Resample the source rectangle [x0, x0+w) x [y0, y0+h) (pixel-edge coords) to
    ow x oh. Bilinear; when downscaling, the source is first area-averaged so that
    each output pixel integrates its footprint (what the TS side does)."""
    sx, sy = w / ow, h / oh  # source px per output px
    src = grey
    ox, oy = 0.0, 0.0  # offset for pre-shrunk image
    fx_, fy_ = 1.0, 1.0
    if area and (sx > 1.0 or sy > 1.0):
        # area-downscale the whole region around the crop to ~output resolution
        mx, my = int(max(0, math.floor(x0 - 2 * sx))), int(max(0, math.floor(y0 - 2 * sy)))
        Mx = int(min(grey.shape[1], math.ceil(x0 + w + 2 * sx)))
        My = int(min(grey.shape[0], math.ceil(y0 + h + 2 * sy)))
        if Mx - mx >= 2 and My - my >= 2:
            fx_, fy_ = max(sx, 1.0), max(sy, 1.0)
            nw, nh = max(1, int(round((Mx - mx) / fx_))), max(1, int(round((My - my) / fy_)))
            fx_, fy_ = (Mx - mx) / nw, (My - my) / nh
            src = cv2.resize(grey[my:My, mx:Mx], (nw, nh), interpolation=cv2.INTER_AREA)
            ox, oy = mx, my
    # output pixel centre u+.5 -> source edge coord x0 + (u+.5)*sx -> pixel-centre coord
    ax = sx / fx_
    bx = (x0 - ox) / fx_ + 0.5 * ax - 0.5
    ay = sy / fy_
    by = (y0 - oy) / fy_ + 0.5 * ay - 0.5
    Mt = np.array([[ax, 0, bx], [0, ay, by]], np.float64)
    return cv2.warpAffine(src, Mt, (ow, oh), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)


def normalise(crop):
    p2, p98 = np.percentile(crop, NORMALISE_PERCENTILES)
    d = p98 - p2
    if d < 1e-3:
        d = 1.0
    return np.clip((crop - p2) / d, 0, 1).astype(np.float32)


def make_batch(r, n, bs, hard_frac=0.8):
    xs = np.zeros((bs, 1, CROP_HEIGHT, CELL_WIDTH * n), np.float32)
    ys = np.zeros((bs, n), np.int64)
    for b in range(bs):
        doc = random_document(r)
        li = int(r.integers(len(doc)))
        L = len(doc[li])
        if r.random() < 0.25:
            j = 0 if r.random() < 0.5 else L - n  # include line ends often
        else:
            j = int(r.integers(0, L - n + 1))
        xs[b, 0], ys[b] = render_window(r, doc, li, j, n, hard=r.random() < hard_frac)
    return xs, ys


def make_sequence_batch(r, n, bs, hard_frac=0.8):
    """Sequence-model batch: windows of n characters, crops of varying width padded with paper."""
    xs, ys = [], []
    for _ in range(bs):
        doc = random_document(r)
        li = int(r.integers(len(doc)))
        L = len(doc[li])
        m = min(n, L)
        if r.random() < 0.35:
            j = 0 if r.random() < 0.5 else L - m
        else:
            j = int(r.integers(0, L - m + 1))
        x, y = render_window(r, doc, li, j, m, hard=r.random() < hard_frac, sequence=True)
        xs.append(x)
        ys.append(y)
    width = max(x.shape[1] for x in xs)
    batch = np.ones((bs, 1, CROP_HEIGHT, width), np.float32)
    for b, x in enumerate(xs):
        batch[b, 0, :, :x.shape[1]] = x
    frames = np.array([x.shape[1] // SEQUENCE_STRIDE for x in xs], np.int64)
    return batch, frames, np.concatenate(ys), np.array([len(y) for y in ys], np.int64)


def make_sequence_lines(seed, count, hard):
    """Sequence validation: whole lines with their margins, one sample per entry (widths differ)."""
    r = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        doc = random_document(r)
        li = int(r.integers(len(doc)))
        out.append(render_window(r, doc, li, 0, len(doc[li]), hard=hard, sequence=True))
    return out


def make_full_lines(seed, count, hard, pitch_range=None):
    """Validation: full lines (30/36/44 cells), grouped by length."""
    r = np.random.default_rng(seed)
    groups = {}
    for _ in range(count):
        doc = random_document(r)
        li = int(r.integers(len(doc)))
        L = len(doc[li])
        x, y = render_window(r, doc, li, 0, L, hard=hard, pitch_range=pitch_range)
        groups.setdefault(L, ([], []))
        groups[L][0].append(x[None])
        groups[L][1].append(y)
    return {L: (np.stack(a), np.stack(b)) for L, (a, b) in groups.items()}
