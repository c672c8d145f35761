// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/draw/drawpanel.h"

#include "ui/draw/drawingcanvas.h"
#include "ui/draw/inputwarning.h"
#include "ui/draw/modelchooser.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/userdigits.h"
#include "ui/shared/numbers.h"

#include "core/data/dataset.h"
#include "core/data/inputcheck.h"

#include <QDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {
/// Below this top probability the network is unsure, and says so.
constexpr float kLowConfidence = 0.6f;

/// Whether English puts "an" before this name ("an 8", "an Ankle boot"); the translations
/// of the two forms may be the same.
bool needsAn(const QString &name)
{
    return !name.isEmpty() && (QStringLiteral("8AEIOUaeiou").contains(name.front()) || name.startsWith(QLatin1String("11"))
                               || name.startsWith(QLatin1String("18")));
}
} // namespace

DrawPanel::DrawPanel(StudioModel *studio, UserDigits *own, QWidget *parent)
    : QWidget(parent)
    , m_studio(studio)
    , m_own(own)
    , m_canvas(new DrawingCanvas)
{
    auto *layout = new QHBoxLayout(this);

    // The canvas and its tools.
    auto *left = new QVBoxLayout;
    left->addWidget(m_canvas, 1);
    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Brush")));
    m_brush = new QSlider(Qt::Horizontal);
    m_brush->setObjectName(QStringLiteral("brush"));
    m_brush->setRange(4, 50);
    m_brush->setValue(int(m_canvas->brushWidth()));
    m_brush->setToolTip(tr("Pen width. MNIST digits were written with a pen about a tenth of the "
                           "digit's height wide."));
    tools->addWidget(m_brush, 1);
    auto *undo = new QPushButton(tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setToolTip(tr("Remove the last stroke (Ctrl+Z, or right-click on the canvas)."));
    auto *clear = new QPushButton(tr("Clear"));
    clear->setObjectName(QStringLiteral("clearButton"));
    clear->setToolTip(tr("Start again (Esc or Delete on the canvas)."));
    tools->addWidget(undo);
    tools->addWidget(clear);
    left->addLayout(tools);
    layout->addLayout(left, 3);

    // What the network sees.
    auto *stepsBox = new QGroupBox(tr("What the network sees"));
    auto *steps = new QGridLayout(stepsBox);
    m_drawing = new PixelView(tr("1. your drawing, inverted: bright ink on black"));
    m_cropped = new PixelView(tr("2. cropped to the ink"));
    m_box20 = new PixelView(tr("3. longer side scaled to 20 px"));
    m_centred = new PixelView(tr("4. 28×28, centre of mass in the middle: the input"));
    m_centred->setObjectName(QStringLiteral("networkInput"));
    m_centred->setGrid(true);
    for (PixelView *v : {m_drawing, m_cropped, m_box20, m_centred})
        v->clearImage(tr("draw a digit"));
    steps->addWidget(m_drawing, 0, 0);
    steps->addWidget(m_cropped, 0, 1);
    steps->addWidget(m_box20, 1, 0);
    steps->addWidget(m_centred, 1, 1);
    auto *explain = new QLabel(tr("MNIST digits were made this way: cropped, scaled into a 20×20 "
                                  "box keeping their shape, then centred by their centre of mass "
                                  "in 28×28. Your drawing goes through the same steps."));
    explain->setWordWrap(true);
    steps->addWidget(explain, 2, 0, 1, 2);
    layout->addWidget(stepsBox, 3);

    // The answer.
    auto *right = new QVBoxLayout;
    m_prediction = new QLabel;
    m_prediction->setObjectName(QStringLiteral("prediction"));
    QFont big = m_prediction->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    m_prediction->setFont(big);
    m_prediction->setAlignment(Qt::AlignCenter);
    right->addWidget(m_prediction);
    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    right->addWidget(m_hint);
    m_warning = new InputWarning;
    right->addWidget(m_warning);
    // The chosen model's probabilities, and a second model's next to them if the learner likes.
    m_models = new ModelChooser(m_studio);
    m_bars = m_models->primaryBars();
    right->addWidget(m_models, 1);
    auto *inspect = new QPushButton(tr("Look inside the network…"));
    inspect->setToolTip(tr("See the neurons' activations for this drawing."));
    right->addWidget(inspect);

    auto *correction = new QGroupBox(tr("Not right? This is a…"));
    auto *grid = new QGridLayout(correction);
    for (int d = 0; d < 10; ++d) {
        auto *b = new QPushButton(QString::number(d));
        b->setObjectName(QStringLiteral("correct%1").arg(d));
        b->setToolTip((needsAn(QString::number(d)) ? tr("Save this drawing as an %1 in your own labelled set.")
                                                   : tr("Save this drawing as a %1 in your own labelled set."))
                          .arg(d));
        b->setMinimumWidth(28);
        grid->addWidget(b, d / 5, d % 5);
        connect(b, &QPushButton::clicked, this, [this, d] { correct(d); });
    }
    m_ownCount = new QLabel;
    grid->addWidget(m_ownCount, 2, 0, 1, 3);
    auto *show = new QPushButton(tr("My digits…"));
    show->setToolTip(tr("See, and delete, the drawings you labelled."));
    grid->addWidget(show, 2, 3, 1, 2);
    right->addWidget(correction);
    layout->addLayout(right, 2);

    connect(m_canvas, &DrawingCanvas::changed, this, &DrawPanel::schedulePrediction);
    connect(m_brush, &QSlider::valueChanged, m_canvas, [this](int v) { m_canvas->setBrushWidth(v); });
    connect(undo, &QPushButton::clicked, m_canvas, &DrawingCanvas::undo);
    connect(clear, &QPushButton::clicked, m_canvas, &DrawingCanvas::clear);
    connect(m_models, &ModelChooser::changed, this, &DrawPanel::updatePrediction);
    connect(inspect, &QPushButton::clicked, this, [this] {
        if (!m_pre.empty)
            emit inspectRequested();
    });
    connect(m_own, &UserDigits::changed, this, [this] {
        m_ownCount->setText(tr("%Ln drawing(s) saved", nullptr, int(m_own->size())));
    });
    connect(show, &QPushButton::clicked, this, [this] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("My digits"));
        auto *l = new QVBoxLayout(&dialog);
        auto *list = new QListWidget;
        list->setViewMode(QListView::IconMode);
        list->setIconSize(QSize(56, 56));
        list->setSelectionMode(QAbstractItemView::ExtendedSelection);
        auto fill = [this, list] {
            list->clear();
            for (std::size_t i = 0; i < m_own->size(); ++i) {
                QImage img = grayImage(m_own->data().image(i), 28, 28);
                auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(img.scaled(56, 56))),
                                                 QString::number(m_own->data().labels[i]));
                item->setData(Qt::UserRole, qulonglong(i));
                list->addItem(item);
            }
        };
        fill();
        l->addWidget(new QLabel(tr("Your labelled drawings, as the network saw them. Tick \"Mix my "
                                   "drawings in\" on the Train tab to train with them.")));
        l->addWidget(list);
        auto *remove = new QPushButton(tr("Delete selected"));
        l->addWidget(remove);
        connect(remove, &QPushButton::clicked, &dialog, [this, list, fill] {
            std::vector<std::size_t> rows;
            for (auto *item : list->selectedItems())
                rows.push_back(item->data(Qt::UserRole).toULongLong());
            std::sort(rows.rbegin(), rows.rend());
            for (std::size_t r : rows) {
                QString error;
                if (!m_own->remove(r, &error)) {
                    QMessageBox::warning(this, tr("My digits"), error);
                    break;
                }
            }
            fill();
        });
        dialog.resize(520, 420);
        dialog.exec();
    });
    m_ownCount->setText(tr("%Ln drawing(s) saved", nullptr, int(m_own->size())));
    updatePrediction();
}

QString DrawPanel::predictionText() const { return m_prediction->text(); }

bool DrawPanel::correct(int label)
{
    if (m_pre.empty)
        return false;
    std::array<std::uint8_t, 784> pixels;
    std::copy(m_pre.centred.pixels.begin(), m_pre.centred.pixels.end(), pixels.begin());
    QString error;
    if (!m_own->add(pixels, label, &error)) {
        QMessageBox::warning(this, tr("Cannot save the drawing"), error);
        return false;
    }
    m_hint->setText((needsAn(QString::number(label)) ? tr("Saved as an %1. Thank you — the network can learn from it.")
                                                     : tr("Saved as a %1. Thank you — the network can learn from it."))
                        .arg(label));
    return true;
}

void DrawPanel::schedulePrediction()
{
    if (m_predictionPending)
        return;
    m_predictionPending = true;
    QMetaObject::invokeMethod(this, &DrawPanel::updatePrediction, Qt::QueuedConnection);
}

void DrawPanel::updatePrediction()
{
    m_predictionPending = false;
    m_pre = core::preprocessDrawing(m_canvas->grayImage(), core::Polarity::DarkOnLight);
    const auto model = m_models->model(m_models->primary());
    if (m_pre.empty) {
        for (PixelView *v : {m_drawing, m_cropped, m_box20, m_centred})
            v->clearImage(tr("draw a digit"));
        m_models->clearPredictions();
        m_prediction->setText(tr("Draw a digit"));
        m_warning->setCheck({});
        m_hint->setText(model ? tr("The network will tell you what it sees.") : tr("No model is loaded."));
        return;
    }
    QImage ink = grayImage(m_pre.ink.pixels.data(), m_pre.ink.width, m_pre.ink.height).convertToFormat(QImage::Format_RGB32);
    {
        QPainter p(&ink);
        p.setPen(QPen(QColor(0, 160, 255), 3));
        p.drawRect(m_pre.boxX, m_pre.boxY, m_pre.boxWidth, m_pre.boxHeight);
    }
    m_drawing->setImage(ink);
    m_cropped->setGray(m_pre.cropped);
    m_box20->setGray(m_pre.box20);
    m_centred->setGray(m_pre.centred);
    const std::vector<float> probs = m_models->predict(m_pre.input);
    if (probs.empty()) {
        m_prediction->setText(tr("No model"));
        m_hint->setText(tr("Open or train a model to get predictions."));
        return;
    }
    const int top = m_bars->topClass();
    const float confidence = probs[std::size_t(top)];
    const QStringList names = m_bars->classNames();
    m_prediction->setText((needsAn(names.value(top)) ? tr("It's an %1") : tr("It's a %1")).arg(names.value(top)));
    if (confidence < kLowConfidence) {
        // The runner-up, to make the doubt concrete.
        std::vector<float> rest = probs;
        rest[std::size_t(top)] = -1.0f;
        const int second = int(std::max_element(rest.begin(), rest.end()) - rest.begin());
        m_hint->setText(tr("Not sure: only %1 % for %2, %3 % for %4. Try a clearer, larger digit.")
                            .arg(localNumber(100.0 * double(confidence), 0))
                            .arg(names.value(top))
                            .arg(localNumber(100.0 * double(probs[std::size_t(second)]), 0))
                            .arg(names.value(second)));
    } else {
        m_hint->setText(tr("%1 % sure.").arg(localNumber(100.0 * double(confidence), 1)));
    }
    m_warning->setCheck(core::checkInput(m_pre));
    if (m_warning->isWarning()) {
        m_prediction->setText(tr("%1?").arg(names.value(top)));
        m_hint->setText(tr("The network picks %1, with %2 %, but see below.")
                            .arg(names.value(top), localNumber(100.0 * double(confidence), 1)));
    }
    m_studio->setInput(m_pre.input, -1, tr("your drawing"));
}

} // namespace tinyml::ui
