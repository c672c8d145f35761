// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/exportpanel.h"

#include "ui/shared/backgroundjob.h"
#include "ui/shared/datasource.h"
#include "ui/shared/elidingcombobox.h"
#include "ui/shared/errortext.h"
#include "ui/shared/flowlayout.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/jobprogress.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/numbers.h"
#include "ui/shared/wrappedcheckbox.h"

#include "core/base/error.h"
#include "core/deploy/budget.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitewriter.h"
#include "core/nn/trainer.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSyntaxHighlighter>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace tinyml::ui {

/// What one generation computes on the worker, ready to be shown.
struct ExportResult
{
    core::GeneratedCode code;
    double floatAccuracy = 0.0;
    std::optional<core::QuantizedEvaluation> quantEval;
    QString header, source, sketch; ///< the texts as shown: long initializers shortened
    /// The .tflite run by TFLite Micro in a sketch; none when the .tflite cannot hold the model.
    std::optional<core::TflmSketch> tflm;
};

namespace {

/// C syntax: keywords, types, preprocessor lines, numbers, strings and comments.
class CHighlighter : public QSyntaxHighlighter
{
public:
    explicit CHighlighter(QTextDocument *doc)
        : QSyntaxHighlighter(doc)
    {
        QTextCharFormat keyword, type, number, pre, str;
        keyword.setForeground(QColor(0, 0, 160));
        keyword.setFontWeight(QFont::Bold);
        type.setForeground(QColor(0, 110, 110));
        number.setForeground(QColor(160, 80, 0));
        pre.setForeground(QColor(120, 40, 140));
        str.setForeground(QColor(0, 120, 0));
        m_comment.setForeground(QColor(110, 110, 110));
        m_comment.setFontItalic(true);
        m_rules = {
            {QRegularExpression(QStringLiteral(R"(\b(static|const|return|if|else|for|while|switch|case|default|break|void|extern|sizeof|struct|union)\b)")), keyword},
            {QRegularExpression(QStringLiteral(R"(\b(int|float|double|long|char|unsigned|int8_t|int32_t|int64_t|uint8_t|uint32_t|uint64_t|size_t)\b)")), type},
            {QRegularExpression(QStringLiteral(R"(\b-?\d+(\.\d*)?([eE][-+]?\d+)?[fu]?\b)")), number},
            {QRegularExpression(QStringLiteral(R"(^\s*#.*$)")), pre},
            {QRegularExpression(QStringLiteral(R"("[^"]*")")), str},
        };
    }

protected:
    void highlightBlock(const QString &text) override
    {
        for (const auto &[re, format] : m_rules)
            for (auto it = re.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                setFormat(int(m.capturedStart()), int(m.capturedLength()), format);
            }
        // Block comments, possibly over several lines.
        setCurrentBlockState(0);
        qsizetype start = previousBlockState() == 1 ? 0 : text.indexOf(QStringLiteral("/*"));
        while (start >= 0) {
            const qsizetype end = text.indexOf(QStringLiteral("*/"), start);
            const qsizetype length = end < 0 ? text.size() - start : end - start + 2;
            if (end < 0)
                setCurrentBlockState(1);
            setFormat(int(start), int(length), m_comment);
            start = text.indexOf(QStringLiteral("/*"), start + length);
        }
        const qsizetype line = text.indexOf(QStringLiteral("//"));
        if (line >= 0 && previousBlockState() != 1)
            setFormat(int(line), int(text.size() - line), m_comment);
    }

private:
    std::vector<std::pair<QRegularExpression, QTextCharFormat>> m_rules;
    QTextCharFormat m_comment;
};

/// Long initializers shortened for reading: the first values, then a count.
QString shortened(const std::string &code)
{
    QStringList out;
    const QStringList lines = QString::fromStdString(code).split(QLatin1Char('\n'));
    int inArray = 0;
    qsizetype skipped = 0;
    for (const QString &line : lines) {
        if (line.endsWith(QStringLiteral("= {")) || line.endsWith(QStringLiteral("] = {"))) {
            inArray = 1;
            skipped = 0;
            out << line;
            continue;
        }
        if (inArray > 0) {
            if (line.startsWith(QLatin1String("};")) ) {
                if (skipped > 0)
                    out << ExportPanel::tr("    /* … %Ln more line(s) of values: Copy and Save write them all */", nullptr, int(skipped));
                out << line;
                inArray = 0;
                continue;
            }
            if (inArray++ <= 3)
                out << line;
            else
                ++skipped;
            continue;
        }
        out << line;
    }
    return out.join(QLatin1Char('\n'));
}

/// One generation, on a worker thread: the float accuracy, for int8 the quantization and the int8
/// accuracy, then the code with the accuracy in its header comment. Progress in per mille.
ExportResult computeExport(const core::Network &net, core::ExportOptions options, const core::Dataset &test,
                           const core::Dataset &train, const core::Progress &progress)
{
    const bool int8 = options.precision == core::Precision::Int8;
    ExportResult r;
    const int evaluated = int8 ? 100 : 600;
    r.floatAccuracy = core::evaluate(net, test, {}, nullptr, nullptr, progress.stage(0, evaluated, 1000)).accuracy;
    if (int8) {
        // An imported int8 file's own numbers, or quantized here from float32.
        const core::QuantizedModel q
            = options.int8Numbers ? *options.int8Numbers
                                  : core::quantize(net, train, options.calibrationImages,
                                                   progress.stage(100, 200, 1000),
                                                   {.dense = options.dense});
        r.quantEval = core::evaluateQuantized(net, q, test, progress.stage(200, 850, 1000));
        options.description = QStringLiteral("%1 % (int8) / %2 % (float32) on the 10,000 MNIST test images")
                                  .arg(localNumber(100 * r.quantEval->int8Accuracy, 2))
                                  .arg(localNumber(100 * r.floatAccuracy, 2))
                                  .toStdString();
    } else {
        options.description = QStringLiteral("%1 % on the 10,000 MNIST test images (float32)")
                                  .arg(localNumber(100 * r.floatAccuracy, 2))
                                  .toStdString();
    }
    r.code = core::generateCode(net, options, test, train, progress.stage(int8 ? 850 : evaluated, 900, 1000));
    progress.advance(900, 1000);
    r.header = QString::fromStdString(r.code.header);
    r.source = shortened(r.code.source);
    r.sketch = QString::fromStdString(r.code.sketch);
    try {
        core::TfliteSummary summary;
        const std::vector<std::uint8_t> tflite = int8 ? core::writeTfliteInt8(*r.code.quantized, &summary)
                                                      : core::writeTfliteFloat(net, &summary);
        r.tflm = core::generateTflmSketch(tflite, summary.operators, summary.tensors, net.spec(), test,
                                          {.prefix = options.prefix, .int8 = int8, .testDigits = 3});
    } catch (const core::Error &) {
        r.tflm.reset(); // e.g. int8 sigmoid: no .tflite, so no TFLite Micro sketch
    }
    progress.advance(1000, 1000);
    return r;
}

/// The Export tab's sentence on where the int8 numbers of model's code come from (choice).
QString int8NumbersText(const core::LoadedModel &model, const core::Int8ExportChoice &choice)
{
    switch (choice.source) {
    case core::Int8ExportSource::File:
        return ExportPanel::tr("int8 numbers from the file: its own weights, biases, scales and zero points.");
    case core::Int8ExportSource::FileRefused:
        return ExportPanel::tr("int8 numbers quantized here from float32, not the file’s own: %1")
            .arg(errorText(*model.int8->refusal));
    case core::Int8ExportSource::FileInput:
        return ExportPanel::tr("int8 numbers quantized here from float32, not the file’s own: its input does "
                               "not take a pixel byte p to p − 128 (input scale 1/255 and zero point −128 "
                               "for pixels in 0..1), as the generated C expects.");
    case core::Int8ExportSource::Quantized:
        break;
    }
    return ExportPanel::tr("int8 numbers quantized here from float32.");
}

QPlainTextEdit *codeView()
{
    auto *v = new QPlainTextEdit;
    v->setReadOnly(true);
    v->setLineWrapMode(QPlainTextEdit::NoWrap);
    v->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new CHighlighter(v->document());
    return v;
}

} // namespace

ExportPanel::ExportPanel(StudioModel *studio, DataSource *data, QWidget *parent)
    : QWidget(parent)
    , m_studio(studio)
    , m_data(data)
    , m_debounce(new QTimer(this))
    , m_job(new BackgroundJob(this))
{
    auto *layout = new QHBoxLayout(this);
    auto *left = new QVBoxLayout;

    auto *settings = new QGroupBox(tr("Export"));
    auto *form = new QFormLayout(settings);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_precision = new ElidingComboBox(12);
    m_precision->setObjectName(QStringLiteral("precision"));
    m_precision->addItem(tr("float32"), int(core::Precision::Float32));
    m_precision->addItem(tr("int8 (quantized)"), int(core::Precision::Int8));
    m_precision->setToolTip(tr("float32 keeps every weight as a 4-byte number. int8 stores each weight in "
                               "one byte with a scale per filter of a convolution and per dense layer (or "
                               "neuron), as TensorFlow Lite Micro does: four times smaller and faster on "
                               "small chips, usually for a tiny loss of accuracy."));
    form->addRow(tr("Precision"), m_precision);
    m_dense = new ElidingComboBox(12);
    m_dense->setObjectName(QStringLiteral("denseQuantization"));
    m_dense->addItem(tr("one scale per layer (per-tensor)"), int(core::DenseQuantization::PerTensor));
    m_dense->addItem(tr("one scale per neuron (per-channel)"), int(core::DenseQuantization::PerChannel));
    m_dense->setToolTip(tr("int8 weight scales of dense layers. TensorFlow Lite's converter makes one per "
                           "layer by default; one per neuron follows each neuron's weights more closely. "
                           "Convolutions always have one per filter."));
    form->addRow(tr("Dense int8 scales"), m_dense);
    m_board = new ElidingComboBox(12);
    m_board->setObjectName(QStringLiteral("board"));
    for (const auto &b : core::boards())
        m_board->addItem(QStringLiteral("%1 (%2, %3 MHz)").arg(QString::fromStdString(b.name), QString::fromStdString(b.core)).arg(b.clockMHz));
    m_board->setToolTip(tr("The microcontroller to fit the model into: its Flash holds the code and the "
                           "weights, its RAM the activations."));
    form->addRow(tr("Board"), m_board);
    m_prefix = new QLineEdit(QStringLiteral("tinyml"));
    m_prefix->setObjectName(QStringLiteral("prefix"));
    m_prefix->setToolTip(tr("Names in the C code start with this, e.g. tinyml_predict()."));
    form->addRow(tr("Prefix"), m_prefix);
    m_identifier = new QLabel;
    form->addRow(QString(), m_identifier);
    m_baseName = new QLineEdit;
    m_baseName->setPlaceholderText(tr("prefix_model"));
    m_baseName->setToolTip(tr("File names without .h and .c."));
    form->addRow(tr("File name"), m_baseName);
    m_calibration = new QSpinBox;
    m_calibration->setRange(10, 60000);
    m_calibration->setValue(1000);
    m_calibration->setSingleStep(500);
    m_calibration->setToolTip(tr("int8 needs the range of every layer's values: measured on this many "
                                 "training images."));
    form->addRow(tr("Calibration images"), m_calibration);
    m_arduino = new QCheckBox;
    m_arduino->setChecked(true);
    form->addRow(wrappedCheckBox(m_arduino, tr("With an Arduino sketch")));
    m_tflm = new QCheckBox;
    m_tflm->setObjectName(QStringLiteral("tflmSketch"));
    m_tflm->setToolTip(tr("Also save the model as a .tflite in a C array and a sketch that runs it with "
                          "TensorFlow Lite Micro's interpreter, in its own folder."));
    form->addRow(wrappedCheckBox(m_tflm, tr("With an Arduino sketch for TensorFlow Lite Micro")));
    left->addWidget(settings);

    auto *budget = new QGroupBox(tr("Does it fit?"));
    auto *b = new QVBoxLayout(budget);
    auto *flashCaption = new QLabel(tr("Flash (weights, biases, constants, code)"));
    flashCaption->setWordWrap(true);
    b->addWidget(flashCaption);
    m_flash = new QProgressBar;
    m_flash->setObjectName(QStringLiteral("flashBar"));
    b->addWidget(m_flash);
    auto *ramCaption = new QLabel(tr("RAM (activation buffers)"));
    ramCaption->setWordWrap(true);
    b->addWidget(ramCaption);
    m_ram = new QProgressBar;
    m_ram->setObjectName(QStringLiteral("ramBar"));
    b->addWidget(m_ram);
    m_budgetText = new QLabel;
    m_budgetText->setWordWrap(true);
    b->addWidget(m_budgetText);
    m_latency = new QLabel;
    m_latency->setObjectName(QStringLiteral("latency"));
    m_latency->setWordWrap(true);
    b->addWidget(m_latency);
    m_layers = new QTableWidget(0, 4);
    m_layers->setObjectName(QStringLiteral("layerBudget"));
    m_layers->setHorizontalHeaderLabels({tr("Layer"), tr("Output"), tr("RAM while it runs"), tr("Flash")});
    m_layers->verticalHeader()->hide();
    m_layers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_layers->setSelectionMode(QAbstractItemView::NoSelection);
    m_layers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_layers->setToolTip(tr("Layers run one after the other, so only one layer's input and output are in RAM "
                            "at once: the code keeps every activation in one buffer as large as the largest "
                            "pair (marked in bold). Flash: the layer's weights, biases and scales."));
    b->addWidget(m_layers, 1);
    left->addWidget(budget);

    auto *acc = new QGroupBox(tr("Accuracy on the 10,000 test images"));
    auto *a = new QVBoxLayout(acc);
    m_accuracy = new QLabel;
    m_accuracy->setObjectName(QStringLiteral("exportAccuracy"));
    m_accuracy->setWordWrap(true);
    a->addWidget(m_accuracy);
    m_flipped = new QListWidget;
    m_flipped->setObjectName(QStringLiteral("flipped"));
    m_flipped->setViewMode(QListView::IconMode);
    m_flipped->setIconSize(QSize(40, 40));
    m_flipped->setMovement(QListView::Static);
    m_flipped->setToolTip(tr("Images that int8 classifies differently from float32. Click one to inspect it."));
    a->addWidget(m_flipped);
    m_flipped->setMinimumHeight(90);
    left->addWidget(acc, 1);
    // The settings, the verdict and the accuracy scroll together when 720 pixels (or larger
    // text) leave too little height, instead of the verdict's last lines being cut.
    auto *leftPane = new QWidget;
    leftPane->setLayout(left);
    auto *leftScroll = new QScrollArea;
    leftScroll->setObjectName(QStringLiteral("exportSettingsScroll"));
    leftScroll->setWidget(leftPane);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    // Long board names and C names must not make the column wider than the tab allows: the
    // boxes shrink and elide (the open list and the tooltip show the whole names) and the labels
    // wrap, so the column scrolls up and down but never sideways.
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_identifier->setWordWrap(true);
    layout->addWidget(leftScroll, 1); // half the tab: the code view scrolls anyway

    auto *right = new QVBoxLayout;
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("exportMessage"));
    m_message->setWordWrap(true);
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long paths must not widen the window
    right->addWidget(m_message);
    auto *progress = new JobProgress(m_job, QStringLiteral("exportProgress"), QStringLiteral("cancelExport"),
                                     tr("Stop generating; nothing of it is shown."));
    connect(progress, &JobProgress::cancelRequested, this, &ExportPanel::cancel);
    right->addWidget(progress);
    m_views = new QTabWidget;
    m_headerView = codeView();
    m_sourceView = codeView();
    m_sketchView = codeView();
    m_views->addTab(m_headerView, tr("Header (.h)"));
    m_views->addTab(m_sourceView, tr("Source (.c)"));
    m_views->addTab(m_sketchView, tr("Arduino sketch (.ino)"));
    m_tflmView = codeView();
    m_tflmView->setObjectName(QStringLiteral("tflmSketchView"));
    m_views->addTab(m_tflmView, tr("TFLite Micro sketch (.ino)"));
    right->addWidget(m_views, 1);
    auto *buttons = new FlowLayout;
    m_copy = new QPushButton(tr("Copy"));
    m_copy->setToolTip(tr("Copy the file shown, in full."));
    m_copy->setEnabled(false);
    m_save = new QPushButton(tr("Save to folder…"));
    m_save->setObjectName(QStringLiteral("saveCode"));
    m_save->setEnabled(false);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    right->addLayout(buttons);
    layout->addLayout(right, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &ExportPanel::generate);
    connect(m_precision, &QComboBox::currentIndexChanged, this, &ExportPanel::scheduleGenerate);
    connect(m_dense, &QComboBox::currentIndexChanged, this, &ExportPanel::scheduleGenerate);
    connect(m_calibration, &QSpinBox::valueChanged, this, &ExportPanel::scheduleGenerate);
    connect(m_prefix, &QLineEdit::textChanged, this, &ExportPanel::scheduleGenerate);
    connect(m_baseName, &QLineEdit::textChanged, this, &ExportPanel::scheduleGenerate);
    connect(m_board, &QComboBox::currentIndexChanged, this, [this] {
        // AVR code keeps its arrays in PROGMEM: a board of the other kind needs other code.
        if (!m_stale && core::needsProgmem(currentBoard()) != m_progmem)
            scheduleGenerate();
        else
            updateBudget();
    });
    connect(m_studio, &StudioModel::modelChanged, this, [this] {
        invalidate();
        if (isVisible())
            scheduleGenerate();
    });
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &error) {
        m_message->setText(error);
        emit generated(false);
    });
    connect(m_data, &DataSource::loaded, this, [this] {
        if (m_stale && isVisible())
            scheduleGenerate();
    });
    connect(m_data, &DataSource::loadFailed, this, [this](core::DatasetKind kind, const QString &error) {
        if (kind == core::DatasetKind::Mnist)
            m_message->setText(tr("The export needs MNIST (test digits for the self-test, training images to calibrate "
                                  "int8): %1 Fetch it on the Train tab.")
                                   .arg(error));
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (!m_code)
            return;
        const int tab = m_views->currentIndex();
        if (tab == 3) {
            if (m_tflmSketch)
                QApplication::clipboard()->setText(QString::fromStdString(m_tflmSketch->sketch));
            return;
        }
        QApplication::clipboard()->setText(QString::fromStdString(tab == 0 ? m_code->header : tab == 1 ? m_code->source : m_code->sketch));
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Save the C code into"));
        if (dir.isEmpty())
            return;
        QString error;
        if (!saveTo(dir, &error))
            m_message->setText(error);
    });
    connect(m_flipped, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const auto test = m_data->test(core::DatasetKind::Mnist);
        if (!test)
            return;
        const std::uint32_t i = item->data(Qt::UserRole).toUInt();
        std::array<float, 784> pixels;
        for (int p = 0; p < 784; ++p)
            pixels[std::size_t(p)] = float(test->image(i)[p]) / 255.0f;
        m_studio->setInput(pixels, test->labels[i], tr("MNIST test image %1 (int8 and float32 disagree)").arg(i));
        emit inspectRequested();
    });
}

void ExportPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && !m_job->isRunning())
        scheduleGenerate();
}

QString ExportPanel::message() const { return m_message->text(); }

void ExportPanel::setPrecision(core::Precision precision)
{
    m_precision->setCurrentIndex(m_precision->findData(int(precision)));
}

void ExportPanel::setBoard(int index) { m_board->setCurrentIndex(index); }

void ExportPanel::setDenseQuantization(core::DenseQuantization dense)
{
    m_dense->setCurrentIndex(m_dense->findData(int(dense)));
}

void ExportPanel::setPrefix(const QString &prefix) { m_prefix->setText(prefix); }

void ExportPanel::scheduleGenerate()
{
    invalidate();
    m_identifier->setText(tr("C names: %1_predict(), %1_self_test()").arg(QString::fromStdString(core::cIdentifier(m_prefix->text().toStdString()))));
    m_debounce->start();
}

bool ExportPanel::isBusy() const { return m_job->isRunning(); }

void ExportPanel::invalidate()
{
    m_job->cancel();
    m_stale = true;
    m_code.reset();
    m_quantEval.reset();
    m_copy->setEnabled(false);
    m_save->setEnabled(false);
    m_headerView->clear();
    m_sourceView->clear();
    m_sketchView->clear();
    m_tflmView->clear();
    m_tflmSketch.reset();
    m_accuracy->clear();
    m_flipped->clear();
    m_budgetText->clear();
    m_latency->clear();
    m_layers->setRowCount(0);
    for (QProgressBar *bar : {m_flash, m_ram}) {
        bar->reset();
        bar->setStyleSheet(QString());
    }
}

void ExportPanel::cancel()
{
    if (!m_job->isRunning())
        return;
    invalidate();
    m_message->setText(tr("Cancelled. Change a setting, or open the tab again, to generate the code."));
}

bool ExportPanel::shutdown(int timeoutMs)
{
    m_shutDown = true;
    m_debounce->stop();
    m_job->cancel();
    return m_job->waitForIdle(timeoutMs);
}

bool ExportPanel::generate()
{
    m_debounce->stop();
    invalidate();
    if (m_shutDown)
        return false;
    const auto model = m_studio->model();
    if (!model || model->network.spec().inputSize != 784) {
        m_message->setText(tr("There is no model with 784 inputs to export."));
        return false;
    }
    const auto test = m_data->test(core::DatasetKind::Mnist);
    const auto train = m_data->train(core::DatasetKind::Mnist);
    if (!test || !train) {
        m_message->setText(tr("Loading MNIST for the test vectors and the int8 calibration…"));
        m_data->load(core::DatasetKind::Mnist);
        return false;
    }
    m_stale = false;
    core::ExportOptions options;
    options.precision = core::Precision(m_precision->currentData().toInt());
    options.prefix = m_prefix->text().toStdString();
    options.baseName = m_baseName->text().toStdString();
    options.calibrationImages = m_calibration->value();
    options.dense = core::DenseQuantization(m_dense->currentData().toInt());
    options.progmem = core::needsProgmem(currentBoard());
    m_progmem = options.progmem;
    // Cheap (256 pixels): which int8 numbers the code will hold, and the caption saying it.
    const core::Int8ExportChoice choice = core::int8ExportChoice(*model);
    if (options.precision == core::Precision::Int8)
        options.int8Numbers = choice.numbers;
    m_int8Numbers = options.precision == core::Precision::Int8 ? int8NumbersText(*model, choice)
                                                                : QString();
    m_message->setText(options.precision == core::Precision::Int8
                           ? tr("Quantizing, measuring the int8 accuracy on the 10,000 test images and generating the code…")
                           : tr("Measuring the accuracy on the 10,000 test images and generating the code…"));
    // The worker holds the model and the datasets by shared pointer: they stay alive and unchanged.
    m_job->start<ExportResult>(
        [model, options, test, train](const core::Progress &progress) {
            return computeExport(model->network, options, *test, *train, progress);
        },
        [this, test](ExportResult result) { showResult(result, *test); });
    return true;
}

void ExportPanel::showResult(ExportResult &result, const core::Dataset &test)
{
    m_code = std::move(result.code);
    m_floatAccuracy = result.floatAccuracy;
    m_quantEval = std::move(result.quantEval);
    const QString plain = tr("Plain C99 for %1: %2 and %3. Weight arrays are shortened in the view; Copy and Save write them in full.")
                              .arg(m_studio->origin(), QString::fromStdString(m_code->headerName),
                                   QString::fromStdString(m_code->sourceName));
    m_message->setText(m_int8Numbers.isEmpty() ? plain : plain + QLatin1Char(' ') + m_int8Numbers);
    m_headerView->setPlainText(result.header);
    m_sourceView->setPlainText(result.source);
    m_sketchView->setPlainText(result.sketch);
    m_tflmSketch = std::move(result.tflm);
    m_tflmView->setPlainText(m_tflmSketch ? QString::fromStdString(m_tflmSketch->sketch)
                                          : tr("This model cannot be written as a .tflite."));
    m_copy->setEnabled(true);
    m_save->setEnabled(true);
    updateBudget();
    // Accuracy and the flips.
    m_flipped->clear();
    if (m_quantEval) {
        m_accuracy->setText(tr("float32: %1 %, int8: %2 % (%3 points). %Ln image(s) change their prediction:", nullptr,
                               int(m_quantEval->flipped.size()))
                                .arg(localNumber(100 * m_quantEval->floatAccuracy, 2))
                                .arg(localNumber(100 * m_quantEval->int8Accuracy, 2))
                                .arg(localNumber(100 * (m_quantEval->int8Accuracy - m_quantEval->floatAccuracy), 2)));
        for (std::uint32_t i : m_quantEval->flipped) {
            auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(grayImage(test.image(i), 28, 28).scaled(40, 40))),
                                             QStringLiteral("%1").arg(m_quantEval->int8Predictions[i]));
            item->setData(Qt::UserRole, i);
            item->setToolTip(tr("Test image %1, label %2: int8 says %3").arg(i).arg(test.labels[i]).arg(m_quantEval->int8Predictions[i]));
            m_flipped->addItem(item);
        }
    } else {
        m_accuracy->setText(tr("float32: %1 % — choose int8 to see what quantization costs.").arg(localNumber(100 * m_floatAccuracy, 2)));
    }
    emit generated(true);
}

const core::Board &ExportPanel::currentBoard() const
{
    return core::boards()[std::size_t(std::max(0, m_board->currentIndex()))];
}

std::optional<core::BoardVerdict> ExportPanel::verdict() const
{
    if (!m_code)
        return std::nullopt;
    return core::boardVerdict(currentBoard(), m_code->figures);
}

bool ExportPanel::flashFits() const
{
    const auto v = verdict();
    return v && v->limit != core::BoardLimit::Flash && v->limit != core::BoardLimit::ObjectTooLarge
           && v->limit != core::BoardLimit::FarFlash;
}

bool ExportPanel::ramFits() const
{
    const auto v = verdict();
    return v && v->limit != core::BoardLimit::Ram && v->ram <= v->ramLimit;
}

bool ExportPanel::fits() const
{
    const auto v = verdict();
    return v && v->fits();
}

QString ExportPanel::verdictText() const { return m_budgetText->text(); }

void ExportPanel::updateBudget()
{
    if (!m_code)
        return;
    const core::Board &board = currentBoard();
    const core::CodeBudget &b = m_code->budget;
    const core::BoardVerdict v = *verdict();
    auto setBar = [](QProgressBar *bar, std::int64_t used, std::int64_t total, bool ok) {
        bar->setRange(0, 1000);
        bar->setValue(int(std::min<std::int64_t>(1000, used * 1000 / std::max<std::int64_t>(1, total))));
        bar->setFormat(tr("%1 of %2 (%3 %)").arg(formatBytes(used), formatBytes(total)).arg(localNumber(100.0 * double(used) / double(total), 1)));
        bar->setStyleSheet(ok ? QStringLiteral("QProgressBar::chunk { background: #2ca02c; }")
                              : QStringLiteral("QProgressBar::chunk { background: #d62728; }"));
    };
    updateLayerTable();
    setBar(m_flash, v.flash, v.flashLimit, flashFits());
    setBar(m_ram, v.ram, v.ramLimit, ramFits());
    const QString name = QString::fromStdString(board.name);
    QString verdict;
    switch (v.limit) {
    case core::BoardLimit::None:
        verdict = tr("<b style='color:#070'>It fits on the %1</b> as a complete program: Flash %2 of %3, RAM %4 of %5.")
                      .arg(name, formatBytes(v.flash), formatBytes(v.flashLimit), formatBytes(v.ram), formatBytes(v.ramLimit));
        break;
    case core::BoardLimit::Flash:
        verdict = tr("<b style='color:#b00'>It does not fit on the %1:</b> %2 of weights and constants (%3 with the "
                     "code) do not fit in %4 of Flash.")
                      .arg(name, formatBytes(v.modelFlash), formatBytes(v.flash), formatBytes(v.flashLimit));
        break;
    case core::BoardLimit::ObjectTooLarge:
        verdict = tr("<b style='color:#b00'>It does not fit on the %1:</b> one array of %2 is larger than the %3 "
                     "that the AVR compiler allows for one object.")
                      .arg(name, formatBytes(v.largestArray), formatBytes(v.objectLimit));
        break;
    case core::BoardLimit::FarFlash:
        verdict = tr("<b style='color:#b00'>It does not fit on the %1:</b> %2 of constants are more than the "
                     "first %3 of Flash that AVR code can read them from.")
                      .arg(name, formatBytes(v.modelFlash), formatBytes(v.nearFlashLimit));
        break;
    case core::BoardLimit::Ram:
        verdict = tr("<b style='color:#b00'>It does not fit on the %1:</b> the program needs %2 of RAM "
                     "(activations %3, input and scores %4, stack about %5), and %6 are free.")
                      .arg(name, formatBytes(v.ram), formatBytes(v.arena), formatBytes(v.buffers), formatBytes(v.stack),
                           formatBytes(v.ramLimit));
        break;
    }
    if (!v.fits())
        verdict += QLatin1Char(' ')
                   + (m_code->quantized ? tr("Try fewer neurons, or a bigger board.")
                                        : tr("Try int8, fewer neurons, or a bigger board."));
    m_budgetText->setText(tr("Weights %1, biases %2, constants and test digits %3, code about %4, runtime about %5. "
                             "Free on this board: the chip's memory less its bootloader and core. %6")
                              .arg(formatBytes(b.weights), formatBytes(b.biases), formatBytes(b.constants),
                                   formatBytes(v.codeFlash), formatBytes(v.runtimeFlash), verdict));
    const bool int8 = m_code->quantized.has_value();
    const double cpm = int8 ? board.cyclesPerMacInt8 : board.cyclesPerMacFloat;
    const auto macs = m_studio->model()->network.spec().macCount();
    const double ms = double(macs) * cpm / (board.clockMHz * 1e3);
    m_latency->setText(tr("%1 multiply-adds per image. Estimated latency: <b>%2 ms</b> at %3 MHz, assuming about %4 "
                          "cycles per multiply-add (%5, plain C compiled by GCC -O2, counted from its inner "
                          "loop; no published figure exists%6).")
                           .arg(QLocale().toString(qlonglong(macs)))
                           .arg(ms, 0, 'f', ms < 10 ? 2 : 0)
                           .arg(board.clockMHz)
                           .arg(cpm)
                           .arg(int8 ? tr("int8") : (board.fpu ? tr("float with an FPU") : tr("float emulated in software")))
                           .arg(int8 && board.core.find("M4") != std::string::npos ? tr("; CMSIS-NN's SIMD kernels take about 2–2.5") : QString()));
}

void ExportPanel::updateLayerTable()
{
    const auto model = m_studio->model();
    if (!m_code || !model)
        return;
    const core::ModelSpec &spec = model->network.spec();
    const core::ModelBudget budget = core::modelBudget(spec);
    const bool int8 = m_code->quantized.has_value();
    const std::int64_t valueBytes = int8 ? 1 : 4;
    m_layers->setRowCount(int(spec.layers.size()));
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const core::LayerBudget &lb = budget.layers[l];
        const core::Shape out = spec.outputShape(l);
        const QString shape = out.image ? QStringLiteral("%1×%2×%3").arg(out.height).arg(out.width).arg(out.channels)
                                        : QString::number(out.channels);
        const QString ram = lb.liveValues == 0 ? tr("none (no data moves)") : formatBytes(lb.liveValues * valueBytes);
        const std::int64_t flash = int8 ? lb.flashInt8 : lb.flashFloat32;
        const std::string_view kind = core::toString(spec.layers[l].kind);
        const QStringList cells = {QStringLiteral("%1 %2").arg(l + 1).arg(QString::fromLatin1(kind.data(), qsizetype(kind.size()))),
                                   shape, ram, flash > 0 ? formatBytes(flash) : QStringLiteral("–")};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (l == budget.peakLayer && c == 2) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
                item->setToolTip(tr("The largest input and output pair: it sets the RAM."));
            }
            m_layers->setItem(int(l), c, item);
        }
    }
    // Every layer in view: the settings column scrolls up and down as a whole, and a scroll bar
    // of the table's own would narrow it until its columns scroll sideways.
    m_layers->resizeRowsToContents();
    m_layers->setMinimumHeight(m_layers->horizontalHeader()->sizeHint().height()
                               + m_layers->verticalHeader()->length() + 2 * m_layers->frameWidth());
}

bool ExportPanel::saveTo(const QString &folder, QString *error)
{
    if (!m_code) {
        if (error)
            *error = isBusy() ? tr("The code is still being generated: save it once it is shown.")
                              : tr("There is no code to save yet.");
        return false;
    }
    QString dir = folder;
    if (m_arduino->isChecked())
        dir = QDir(folder).filePath(QString::fromStdString(m_code->sketchName).chopped(4));
    try {
        // All files or none: a full disk never leaves a new header beside an old source file.
        core::saveGeneratedCode(*m_code, QFile::encodeName(dir).toStdString(),
                                m_arduino->isChecked());
        if (m_tflm->isChecked() && m_tflmSketch)
            core::saveTflmSketch(*m_tflmSketch,
                                 QFile::encodeName(QDir(folder).filePath(
                                                       QString::fromStdString(m_tflmSketch->sketchName).chopped(4)))
                                     .toStdString());
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
    m_message->setText(tr("Saved to %1.").arg(dir));
    return true;
}

} // namespace tinyml::ui
