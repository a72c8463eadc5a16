package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
)

// hicolorSizes are the icon sizes installed under share/icons/hicolor on Linux.
var hicolorSizes = []int{16, 22, 24, 32, 48, 64, 128, 256, 512}

// icoSizes go into the Windows .ico (256 is the largest the format holds).
var icoSizes = []int{16, 24, 32, 48, 64, 128, 256}

// icnsTypes are the macOS icon types, each a PNG of the given size.
var icnsTypes = []struct {
	code string
	size int
}{{"icp4", 16}, {"icp5", 32}, {"icp6", 64}, {"ic07", 128}, {"ic08", 256}, {"ic09", 512},
	{"ic11", 32}, {"ic12", 64}, {"ic13", 256}, {"ic14", 512}} // ic11–ic14: 16–256 at 2x

// scale returns src resized to size×size by area averaging (every source pixel
// counts by the part of it a target pixel covers), in premultiplied alpha so that
// transparent pixels do not darken the edges. It only shrinks.
func scale(src image.Image, size int) *image.NRGBA {
	b := src.Bounds()
	n := b.Dx()
	dst := image.NewNRGBA(image.Rect(0, 0, size, size))
	if size >= n {
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				dst.Set(x, y, src.At(b.Min.X+x*n/size, b.Min.Y+y*n/size))
			}
		}
		return dst
	}
	ratio := float64(n) / float64(size)
	for y := 0; y < size; y++ {
		y0, y1 := float64(y)*ratio, float64(y+1)*ratio
		for x := 0; x < size; x++ {
			x0, x1 := float64(x)*ratio, float64(x+1)*ratio
			var r, g, bl, a, w float64
			for sy := int(y0); float64(sy) < y1 && sy < n; sy++ {
				wy := min(y1, float64(sy+1)) - max(y0, float64(sy))
				for sx := int(x0); float64(sx) < x1 && sx < n; sx++ {
					wx := min(x1, float64(sx+1)) - max(x0, float64(sx))
					cr, cg, cb, ca := src.At(b.Min.X+sx, b.Min.Y+sy).RGBA() // premultiplied
					k := wx * wy
					r, g, bl, a, w = r+k*float64(cr), g+k*float64(cg), bl+k*float64(cb), a+k*float64(ca), w+k
				}
			}
			if a == 0 {
				continue
			}
			dst.SetNRGBA(x, y, color.NRGBA{R: unmul(r, a), G: unmul(g, a), B: unmul(bl, a), A: uint8(a/w/257 + 0.5)})
		}
	}
	return dst
}

// unmul turns a premultiplied channel sum back into an 8-bit straight value.
func unmul(c, a float64) uint8 {
	v := c / a * 255
	if v > 255 {
		v = 255
	}
	return uint8(v + 0.5)
}

func pngOf(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

// icoOf is a Windows icon holding one PNG image per size (Windows Vista and later
// read PNG entries).
func icoOf(src image.Image, sizes []int) ([]byte, error) {
	var dir, data bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&dir, le, [3]uint16{0, 1, uint16(len(sizes))}) // reserved, type icon, count
	offset := 6 + 16*len(sizes)
	for _, s := range sizes {
		p, err := pngOf(scale(src, s))
		if err != nil {
			return nil, err
		}
		wh := uint8(s)
		if s >= 256 {
			wh = 0 // 0 means 256
		}
		dir.Write([]byte{wh, wh, 0, 0})
		_ = binary.Write(&dir, le, [2]uint16{1, 32}) // planes, bits per pixel
		_ = binary.Write(&dir, le, [2]uint32{uint32(len(p)), uint32(offset + data.Len())})
		data.Write(p)
	}
	return append(dir.Bytes(), data.Bytes()...), nil
}

// icnsOf is a macOS icon file: "icns", the total length, then typed PNG entries.
func icnsOf(src image.Image) ([]byte, error) {
	var body bytes.Buffer
	for _, t := range icnsTypes {
		p, err := pngOf(scale(src, t.size))
		if err != nil {
			return nil, err
		}
		body.WriteString(t.code)
		_ = binary.Write(&body, binary.BigEndian, uint32(8+len(p)))
		body.Write(p)
	}
	var out bytes.Buffer
	out.WriteString("icns")
	_ = binary.Write(&out, binary.BigEndian, uint32(8+body.Len()))
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

// readICO lists the sizes and PNG images of an .ico written by icoOf (tests and checks).
func readICO(b []byte) (map[int]image.Image, error) {
	le := binary.LittleEndian
	if len(b) < 6 || le.Uint16(b[2:]) != 1 {
		return nil, errors.New("not an icon file")
	}
	out := map[int]image.Image{}
	for i := 0; i < int(le.Uint16(b[4:])); i++ {
		e := b[6+16*i:]
		size, off := int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if off+size > len(b) {
			return nil, errors.New("icon entry past the end of the file")
		}
		img, err := png.Decode(bytes.NewReader(b[off : off+size]))
		if err != nil {
			return nil, err
		}
		out[img.Bounds().Dx()] = img
	}
	return out, nil
}
