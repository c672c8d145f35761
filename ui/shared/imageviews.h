// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/preprocess.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace tinyml::ui {

/// Shows an image scaled without smoothing, so every pixel stays a crisp square, with a caption.
/// Optional grid lines between pixels and a click signal with the pixel clicked.
class PixelView : public QWidget
{
    Q_OBJECT

public:
    explicit PixelView(const QString &caption = QString(), QWidget *parent = nullptr);

    void setImage(const QImage &image);
    void setGray(const core::GrayImage &image);
    /// A "draw a digit" placeholder instead of an image.
    void clearImage(const QString &placeholder = QString());
    void setGrid(bool grid) { m_grid = grid; update(); }
    /// Marks one pixel with a frame (-1: none).
    void setMarked(int x, int y);
    const QImage &image() const { return m_image; }

    QSize sizeHint() const override { return {140, 160}; }
    /// At least 56×70 px, and as wide as the caption's longest word ("zugeschnitten"): the
    /// caption wraps between words, never inside one.
    QSize minimumSizeHint() const override;
    const QString &caption() const { return m_caption; }

signals:
    void pixelClicked(int x, int y);

protected:
    void paintEvent(QPaintEvent *) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    /// Pixels the caption needs under the image at the current width.
    int captionHeight() const;
    QRect imageRect() const;

    QImage m_image;
    QString m_caption;
    QString m_placeholder;
    bool m_grid = false;
    int m_markX = -1, m_markY = -1;
};

/// Ten (or n) horizontal probability bars; the top class is highlighted.
class ProbabilityBars : public QWidget
{
    Q_OBJECT

public:
    explicit ProbabilityBars(QWidget *parent = nullptr);

    void setClassNames(const QStringList &names) { m_names = names; update(); }
    const QStringList &classNames() const { return m_names; }
    void setProbabilities(const std::vector<float> &p);
    void clearProbabilities();
    const std::vector<float> &probabilities() const { return m_p; }
    int topClass() const;

    QSize sizeHint() const override { return {260, 280}; }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    QStringList m_names;
    std::vector<float> m_p;
};

/// Grey image of bytes (rows x cols).
QImage grayImage(const std::uint8_t *pixels, int cols, int rows);
/// Diverging colours (blue negative, white zero, red positive) of values scaled by ±range.
QImage divergingImage(const float *values, int cols, int rows, float range);
/// Sequential colours (black → yellow) of values in 0..max.
QImage heatImage(const float *values, int cols, int rows, float max);

} // namespace tinyml::ui
