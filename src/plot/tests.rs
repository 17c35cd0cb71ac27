//! Figures saved by scripts, checked by their pixels (never byte for byte): a digits grid
//! drawn with `subplot`/`imshow`/`axis('off')` and a training-loss curve with labels and a
//! legend, decoded from the PNG files savefig wrote.

use crate::eval::session::{Outcome, Output, SharedBuf as Buf};
use std::io::Read;

/// Runs `src` in a fresh session; returns what it printed (stdout then stderr).
fn run(src: &str) -> String {
    let (out, err) = (Buf::default(), Buf::default());
    let io = Output {
        out: Box::new(out.clone()),
        err: Box::new(err.clone()),
        color: false,
        tty: false,
    };
    let mut it = crate::session(io, Some(0));
    let r = it.run(src, None, false);
    it.flush();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.0.borrow()),
        String::from_utf8_lossy(&err.0.borrow())
    );
    assert!(matches!(r, Outcome::Ok), "script failed:\n{}", text);
    text
}

/// A decoded RGB PNG (8-bit, as savefig writes it; every filter type is undone).
struct Png {
    w: usize,
    h: usize,
    rgb: Vec<u8>,
}

impl Png {
    fn px(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.w + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }
    /// Pixels in the region satisfying `f`.
    fn count(
        &self,
        x0: usize,
        y0: usize,
        x1: usize,
        y1: usize,
        f: impl Fn([u8; 3]) -> bool,
    ) -> usize {
        let mut n = 0;
        for y in y0..y1.min(self.h) {
            for x in x0..x1.min(self.w) {
                if f(self.px(x, y)) {
                    n += 1;
                }
            }
        }
        n
    }
}

fn decode(path: &std::path::Path) -> Png {
    let data = std::fs::read(path).expect("png written");
    assert_eq!(&data[..8], b"\x89PNG\r\n\x1a\n");
    let (mut pos, mut w, mut h, mut idat) = (8, 0, 0, Vec::new());
    while pos + 8 <= data.len() {
        let len = u32::from_be_bytes(data[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &data[pos + 4..pos + 8];
        let body = &data[pos + 8..pos + 8 + len];
        let crc = u32::from_be_bytes(data[pos + 8 + len..pos + 12 + len].try_into().unwrap());
        assert_eq!(
            crc,
            crc32fast::hash(&data[pos + 4..pos + 8 + len]),
            "chunk crc"
        );
        match kind {
            b"IHDR" => {
                w = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                h = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                assert_eq!(&body[8..10], &[8, 2], "8-bit RGB");
            }
            b"IDAT" => idat.extend_from_slice(body),
            _ => {}
        }
        pos += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("zlib");
    let stride = w * 3;
    let mut rgb = vec![0u8; w * h * 3];
    for y in 0..h {
        let f = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for i in 0..stride {
            let a = if i >= 3 {
                rgb[y * stride + i - 3] as i32
            } else {
                0
            };
            let b = if y > 0 {
                rgb[(y - 1) * stride + i] as i32
            } else {
                0
            };
            let c = if y > 0 && i >= 3 {
                rgb[(y - 1) * stride + i - 3] as i32
            } else {
                0
            };
            let pred = match f {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
            };
            rgb[y * stride + i] = (line[i] as i32 + pred) as u8;
        }
    }
    Png { w, h, rgb }
}

fn temp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("tensh-plot-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d.join(name)
}

fn dark(p: [u8; 3]) -> bool {
    (p[0] as u32 + p[1] as u32 + p[2] as u32) < 150
}

fn light(p: [u8; 3]) -> bool {
    p.iter().all(|&c| c > 230)
}

fn digits_grid_puts_each_image_in_its_cell() {
    let path = temp("digits.png");
    // Even images are bright top-left, odd ones bright bottom-right, on black.
    let src = format!(
        "import numpy as np\nimport matplotlib.pyplot as plt\n\
         imgs = np.zeros((10, 8, 8))\n\
         for i in range(10):\n    \
             if i % 2 == 0:\n        imgs[i, :4, :4] = 16\n    \
             else:\n        imgs[i, 4:, 4:] = 16\n\
         plt.figure(figsize=(10, 4))\n\
         for i in range(10):\n    \
             _ = plt.subplot(2, 5, i + 1)\n    \
             _ = plt.imshow(imgs[i], cmap='gray')\n    \
             _ = plt.title(str(i))\n    \
             _ = plt.axis('off')\n\
         plt.savefig({:?})\n",
        path.to_str().unwrap()
    );
    run(&src);
    let png = decode(&path);
    assert_eq!((png.w, png.h), (1000, 400));
    // The subplot boxes of a 2 x 5 grid with matplotlib's subplot parameters.
    let (cw, ch) = (0.775 / 5.8, 0.77 / 2.2);
    for i in 0..10 {
        let (r, c) = ((i / 5) as f64, (i % 5) as f64);
        let bx0 = (1000.0 * (0.125 + c * cw * 1.2)) as usize - 2;
        let bx1 = (1000.0 * (0.125 + c * cw * 1.2 + cw)) as usize + 3;
        let by0 = (400.0 * (1.0 - (0.88 - r * ch * 1.2))) as usize - 2;
        let by1 = (400.0 * (1.0 - (0.88 - r * ch * 1.2 - ch))) as usize + 3;
        // The black part of the image spans its whole box.
        let (mut x0, mut x1, mut y0, mut y1) = (usize::MAX, 0, usize::MAX, 0);
        for y in by0..by1 {
            for x in bx0..bx1 {
                if png.px(x, y) == [0, 0, 0] {
                    x0 = x0.min(x);
                    x1 = x1.max(x);
                    y0 = y0.min(y);
                    y1 = y1.max(y);
                }
            }
        }
        assert!(x1 > x0 + 40 && y1 > y0 + 40, "image {} drawn", i);
        // Square pixels (imshow's equal aspect).
        let (bw, bh) = ((x1 - x0) as i64, (y1 - y0) as i64);
        assert!((bw - bh).abs() <= 2, "image {} square: {}x{}", i, bw, bh);
        let q1 = png.px(x0 + bw as usize / 4, y0 + bh as usize / 4);
        let q4 = png.px(x1 - bw as usize / 4, y1 - bh as usize / 4);
        if i % 2 == 0 {
            assert!(
                light(q1) && q4 == [0, 0, 0],
                "image {}: {:?} {:?}",
                i,
                q1,
                q4
            );
        } else {
            assert!(
                q1 == [0, 0, 0] && light(q4),
                "image {}: {:?} {:?}",
                i,
                q1,
                q4
            );
        }
        // The title sits above the image; axis('off') leaves no ticks or spines outside.
        assert!(
            png.count(x0, y0 - 30, x1, y0 - 2, dark) > 5,
            "title of {}",
            i
        );
        assert_eq!(
            png.count(bx0, y1 + 3, bx1, by1 + 2, dark),
            0,
            "nothing below {}",
            i
        );
    }
}

fn loss_curve_has_axes_ticks_labels_legend_and_data_where_expected() {
    let path = temp("loss.png");
    let src = format!(
        "import matplotlib.pyplot as plt\n\
         history = {{'loss': [1.0, 0.6, 0.4, 0.3, 0.25], 'val_loss': [1.1, 0.7, 0.5, 0.45, 0.4]}}\n\
         _ = plt.plot(history['loss'], 'b', label='train')\n\
         _ = plt.plot(history['val_loss'], 'r--', label='val')\n\
         _ = plt.title('Model loss')\n\
         _ = plt.xlabel('Epoch')\n\
         _ = plt.ylabel('Loss')\n\
         _ = plt.legend()\n\
         plt.savefig({:?})\n\
         print(plt.xlim(), plt.ylim())\n",
        path.to_str().unwrap()
    );
    let out = run(&src);
    assert_eq!(out, "(-0.2, 4.2) (0.2075, 1.1425)\n");
    let png = decode(&path);
    assert_eq!((png.w, png.h), (640, 480));
    // The axes box: left spine at x = 0.125 * 640, bottom spine at y = 480 * (1 - 0.11).
    let (x0, x1, y0, y1) = (80.0, 576.0, 57.6, 427.2);
    assert!(png.count(79, 100, 82, 400, dark) > 250, "left spine");
    assert!(png.count(100, 426, 550, 429, dark) > 400, "bottom spine");
    let tx = |x: f64| x0 + (x + 0.2) / 4.4 * (x1 - x0);
    let ty = |y: f64| y1 - (y - 0.2075) / (1.1425 - 0.2075) * (y1 - y0);
    let blue = |p: [u8; 3]| p[2] > 200 && p[0] < 80 && p[1] < 80;
    let red = |p: [u8; 3]| p[0] > 200 && p[1] < 80 && p[2] < 80;
    for (i, (&l, &v)) in [1.0, 0.6, 0.4, 0.3, 0.25]
        .iter()
        .zip(&[1.1, 0.7, 0.5, 0.45, 0.4])
        .enumerate()
    {
        let (x, y) = (tx(i as f64) as usize, ty(l) as usize);
        assert!(
            png.count(x - 3, y - 3, x + 4, y + 4, blue) > 0,
            "loss point {}",
            i
        );
        let (x, y) = (tx(i as f64) as usize, ty(v) as usize);
        assert!(
            png.count(x - 4, y - 4, x + 5, y + 5, red) > 0,
            "val point {}",
            i
        );
    }
    // No data drawn in the empty lower left of the axes.
    assert_eq!(png.count(90, 330, 200, 420, |p| blue(p) || red(p)), 0);
    // Tick marks and labels below the x axis and left of the y axis; axis labels; title.
    assert!(png.count(80, 432, 576, 450, dark) > 30, "x tick labels");
    assert!(png.count(40, 60, 76, 425, dark) > 30, "y tick labels");
    assert!(png.count(280, 452, 380, 475, dark) > 20, "xlabel");
    assert!(png.count(0, 180, 38, 300, dark) > 20, "ylabel");
    assert!(png.count(250, 30, 390, 56, dark) > 30, "title");
    // The legend goes to the empty upper right: its handles are red and blue there.
    let legend = |f: &dyn Fn([u8; 3]) -> bool| png.count(430, 60, 575, 110, f);
    assert!(legend(&blue) > 5 && legend(&red) > 5, "legend handles");
}

fn svg_and_show_when_piped() {
    let path = temp("fig.svg");
    let src = format!(
        "import matplotlib.pyplot as plt\nimport numpy as np\n\
         fig, ax = plt.subplots()\n_ = ax.imshow(np.eye(3))\n_ = ax.set_title('eye')\n\
         fig.savefig({:?})\nprint(plt.show())\n",
        path.to_str().unwrap()
    );
    assert_eq!(run(&src), "None\n");
    let svg = std::fs::read_to_string(&path).expect("svg written");
    assert!(svg.starts_with("<?xml") && svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">eye</text>") && svg.contains("data:image/png;base64,"));
}

fn terminal_text_draws_braille_and_half_blocks() {
    let src = "import matplotlib.pyplot as plt\nimport numpy as np\n\
               fig, (a, b) = plt.subplots(1, 2)\n_ = a.plot([0, 1, 2], [0, 1, 0])\n\
               _ = b.imshow(np.eye(4), cmap='gray')\n_ = a.set_title('tri')\nspec = fig._spec()\n";
    let (out, err) = (Buf::default(), Buf::default());
    let io = Output {
        out: Box::new(out.clone()),
        err: Box::new(err),
        color: false,
        tty: false,
    };
    let mut it = crate::session(io, Some(0));
    assert!(matches!(it.run(src, None, false), Outcome::Ok));
    let spec = it.run_expr("spec").expect("spec");
    let fig = super::spec::figure(&mut it, &spec).expect("figure");
    let text = super::terminal::text(&fig, 80, 24, false);
    assert!(text.contains("tri"));
    assert!(
        text.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
        "{}",
        text
    );
    assert!(
        text.contains('\u{2588}') || text.contains('\u{2580}'),
        "{}",
        text
    );
}

unit_cases!(
    digits_grid_puts_each_image_in_its_cell,
    loss_curve_has_axes_ticks_labels_legend_and_data_where_expected,
    svg_and_show_when_piped,
    terminal_text_draws_braille_and_half_blocks,
);
