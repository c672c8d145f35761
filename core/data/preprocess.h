// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace tinyml::core {

/// An 8-bit grayscale image, row-major.
struct GrayImage
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;

    GrayImage() = default;
    GrayImage(int w, int h, std::uint8_t fill = 0)
        : width(w)
        , height(h)
        , pixels(std::size_t(w) * std::size_t(h), fill)
    {}
    std::uint8_t at(int x, int y) const { return pixels[std::size_t(y) * std::size_t(width) + std::size_t(x)]; }
    std::uint8_t &at(int x, int y) { return pixels[std::size_t(y) * std::size_t(width) + std::size_t(x)]; }
    bool isEmpty() const { return width == 0 || height == 0; }
};

enum class Polarity : std::uint8_t {
    Auto,        ///< decided from the border: a bright border means dark ink on light paper
    DarkOnLight, ///< a pen on paper: inverted first
    LightOnDark, ///< already like MNIST
};

/// The steps of docs/facts.md §3 with every intermediate image, for the UI to show.
struct Preprocessed
{
    bool empty = true;      ///< no ink, or too little left at 28x28: "no digit", not a prediction
    GrayImage ink;          ///< the canvas with bright ink on black
    int boxX = 0, boxY = 0; ///< bounding box of the ink in the canvas
    int boxWidth = 0, boxHeight = 0;
    GrayImage cropped;      ///< the bounding box
    GrayImage scaled;       ///< longer side 20 px, aspect ratio kept, area-averaged
    GrayImage box20;        ///< scaled, centred in a 20x20 square
    GrayImage centred;      ///< 28x28, shifted so that the centre of mass is at the centre
    int shiftX = 0, shiftY = 0; ///< the centre-of-mass shift applied, in pixels
    std::array<float, 784> input{}; ///< centred / 255: what the network sees
};

/// Pixels brighter than this (after inversion) count as ink for the bounding box.
inline constexpr std::uint8_t kInkThreshold = 24;
/// Least ink the final 28x28 image must hold to be a digit, in fully lit pixels (sum of the
/// pixel values / 255): faint specks spread over a large page scale down to almost nothing.
/// The lightest MNIST digit holds 19.9 (docs/facts.md §3).
inline constexpr double kMinInkPixels = 2.0;
/// Where the centre of mass is put, in index coordinates: the mean over the MNIST training set
/// is (14.01, 14.00), measured on the real files.
inline constexpr double kFieldCentre = 14.0;

/// Turns a drawing of any size into the 28x28 input exactly as MNIST was made:
/// invert if needed, crop to the ink, scale the longer side to 20 px with area averaging,
/// paste into 28x28 and shift the intensity-weighted centre of mass to the centre, scale to 0..1.
/// Empty when the canvas has no ink or the 28x28 image holds less than kMinInkPixels of it (the
/// intermediate images are then still filled in, for the UI to show).
Preprocessed preprocessDrawing(const GrayImage &canvas, Polarity polarity = Polarity::Auto);

/// Area-averaging resize (each output pixel is the mean of the source area it covers).
GrayImage resizeArea(const GrayImage &src, int width, int height);

/// Intensity-weighted centre of mass in index coordinates; false for an all-black image.
bool centreOfMass(const GrayImage &img, double &cx, double &cy);

} // namespace tinyml::core
