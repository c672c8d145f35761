// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/learn/learnpanel.h"

#include "ui/shared/networkeditor.h"
#include "ui/shared/numbers.h"
#include "ui/shared/storedvalue.h"

#include "core/nn/activation.h"
#include "core/deploy/budget.h"

#include <qcustomplot.h>

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QEvent>
#include <QListWidget>
#include <QStyle>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {

/// One row of a lesson's one-click list: its button (carrying its index in property, and the
/// expectation as tool tip) and the expectation beside it.
QPushButton *addOneClickRow(QGridLayout *grid, int row, const QString &title,
                            const QString &expectation, const char *property)
{
    auto *b = new QPushButton(title);
    b->setProperty(property, row);
    b->setToolTip(expectation);
    auto *expect = new QLabel(QStringLiteral("<i>%1</i>").arg(expectation.toHtmlEscaped()));
    expect->setWordWrap(true);
    grid->addWidget(b, row, 0);
    grid->addWidget(expect, row, 1);
    return b;
}

/// The one-click list under the lesson's text, scrolled when it is longer than the page.
void addScrolledList(QVBoxLayout *layout, QGridLayout *grid)
{
    grid->setColumnStretch(1, 1);
    auto *box = new QWidget;
    box->setLayout(grid);
    auto *scroll = new QScrollArea;
    scroll->setWidget(box);
    scroll->setWidgetResizable(true);
    layout->addWidget(scroll, 3);
}

constexpr int kLessons = 9;

/// The studio's language ("en", "de"): the default locale, which the studio sets from the saved
/// choice (else the system's) at start, and which the screenshots and tests set as they need.
QString language()
{
    return QLocale().name().left(2);
}

/// An activation plot with its derivative (dashed).
QCustomPlot *activationPlot()
{
    auto *plot = new QCustomPlot;
    plot->setObjectName(QStringLiteral("activationPlot"));
    plot->setMinimumHeight(260);
    // Leaky ReLU almost equals ReLU: it is drawn first, wide and pale, so that ReLU stays
    // visible on top of it.
    const std::pair<core::Activation, QColor> curves[] = {
        {core::Activation::Sigmoid, QColor(31, 119, 180)},
        {core::Activation::Tanh, QColor(44, 160, 44)},
        {core::Activation::LeakyRelu, QColor(148, 103, 189, 120)},
        {core::Activation::Relu, QColor(214, 39, 40)},
    };
    QVector<double> xs;
    for (int i = 0; i <= 200; ++i)
        xs << -4.0 + 8.0 * i / 200.0;
    for (const auto &[f, colour] : curves) {
        QVector<double> y, dy;
        for (double x : xs) {
            y << double(core::activate(f, float(x)));
            dy << double(core::derivative(f, float(x)));
        }
        auto *g = plot->addGraph();
        g->setName(activationName(f));
        const bool under = f == core::Activation::LeakyRelu;
        g->setPen(QPen(colour, under ? 6 : 2));
        g->setData(xs, y);
        auto *d = plot->addGraph();
        d->setName(LearnPanel::tr("%1, derivative").arg(activationName(f)));
        d->setPen(QPen(colour, under ? 5 : 1.5, Qt::DashLine));
        d->setData(xs, dy);
    }
    plot->xAxis->setRange(-4, 4);
    plot->yAxis->setRange(-1.2, 2.2);
    plot->xAxis->setLabel(QStringLiteral("z"));
    plot->yAxis->setLabel(QStringLiteral("f(z), f′(z)"));
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    return plot;
}

} // namespace

QString LearnPanel::lessonText(int number, const QString &lang)
{
    for (const QString &l : {lang, QStringLiteral("en")}) {
        QFile f(QStringLiteral(":/lessons/%1/%2.html").arg(l).arg(number));
        if (f.open(QIODevice::ReadOnly))
            return QString::fromUtf8(f.readAll());
    }
    return tr("<p>The text of this lesson is missing from this build.</p>");
}

LearnPanel::LearnPanel(NetworkEditor *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_list(new QListWidget)
    , m_pages(new QStackedWidget)
    , m_experiments(courseExperiments())
    , m_convolutionExperiments(convolutionExperiments())
    , m_gradientExperiments(gradientExperiments())
    , m_playgroundLessons(playgroundLessons())
{
    auto *layout = new QHBoxLayout(this);
    m_list->setObjectName(QStringLiteral("lessons"));
    m_list->addItems({tr("1. TinyML: what and why"), tr("2. The neuron"), tr("3. Activation functions"),
                      tr("4. From neuron to network"), tr("5. Backpropagation, loss, epochs"),
                      tr("6. MNIST and the Keras code"), tr("7. Trade-offs: experiments"),
                      tr("8. Hidden layers bend the plane"),
                      tr("9. Convolutions: why they win on images and on microcontrollers")});
    QFont f = m_list->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_list->setFont(f);
    // Long lesson titles (German, larger text) wrap onto a second line instead of being cut.
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setResizeMode(QListView::Adjust);
    fitLessonList();
    for (int n = 1; n <= kLessons; ++n)
        m_pages->addWidget(lessonPage(n));
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_list);
    split->addWidget(m_pages);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({330, 1000});
    layout->addWidget(split);
    connect(m_list, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_list->setCurrentRow(0);
    connect(m_editor, &NetworkEditor::changed, this, [this] {
        if (m_keras)
            m_keras->setPlainText(QString::fromStdString(core::kerasCode(m_editor->spec(), m_editor->config())));
    });
}

void LearnPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitLessonList();
}

void LearnPanel::fitLessonList()
{
    const QFontMetrics metrics(m_list->font());
    int widest = 0;
    for (int i = 0; i < m_list->count(); ++i)
        for (const QString &word : m_list->item(i)->text().split(QLatin1Char(' ')))
            widest = std::max(widest, metrics.horizontalAdvance(word));
    m_list->setMinimumWidth(widest + 2 * m_list->frameWidth() + 4 * m_list->spacing()
                            + metrics.averageCharWidth() * 2
                            + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
}

int LearnPanel::lessonCount() const { return kLessons; }

void LearnPanel::showLesson(int index) { m_list->setCurrentRow(index); }

QList<QPushButton *> LearnPanel::links() const { return m_links; }

QList<QPushButton *> LearnPanel::experimentButtons() const { return m_experimentButtons; }

QPushButton *LearnPanel::link(const QString &text, Target target)
{
    auto *b = new QPushButton(text);
    b->setProperty("target", QVariant::fromValue(target));
    connect(b, &QPushButton::clicked, this, [this, target] { emit linkActivated(target); });
    m_links << b;
    return b;
}

QWidget *LearnPanel::lessonPage(int number)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("lessonText%1").arg(number));
    text->setHtml(lessonText(number, language()));
    text->setOpenExternalLinks(false);
    QFont f = text->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    text->setFont(f);
    layout->addWidget(text, 2);
    auto *links = new QHBoxLayout;
    switch (number) {
    case 1:
        links->addWidget(link(tr("See a model fit into a microcontroller →"), Target::Export));
        links->addWidget(link(tr("Draw a digit →"), Target::Draw));
        break;
    case 2:
        layout->addWidget(new NeuronWidget, 2);
        break;
    case 3:
        layout->addWidget(activationPlot(), 3);
        break;
    case 4:
        links->addWidget(link(tr("Follow the forward pass in Step through →"), Target::StepMnist));
        links->addWidget(link(tr("See the neurons in Inspect →"), Target::Inspect));
        break;
    case 5: {
        auto *grid = new QGridLayout;
        for (std::size_t i = 0; i < m_gradientExperiments.size(); ++i) {
            QPushButton *b = addOneClickRow(grid, int(i), m_gradientExperiments[i].title,
                                            m_gradientExperiments[i].expectation, "gradientExperiment");
            connect(b, &QPushButton::clicked, this,
                    [this, i] { emit experimentRequested(m_gradientExperiments[i]); });
            m_gradientButtons << b;
        }
        addScrolledList(layout, grid);
        links->addWidget(link(tr("Backpropagation by hand: the 2-2-2 example →"), Target::StepWorkedExample));
        links->addWidget(link(tr("Watch training →"), Target::Train));
        break;
    }
    case 6: {
        auto *row = new QHBoxLayout;
        auto *course = new QPlainTextEdit(QString::fromStdString(core::kerasCode(core::ModelSpec::courseModel(), core::TrainConfig{})));
        auto *current = new QPlainTextEdit(QString::fromStdString(core::kerasCode(m_editor->spec(), m_editor->config())));
        m_keras = current;
        for (auto *code : {course, current}) {
            code->setReadOnly(true);
            code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        }
        auto *left = new QVBoxLayout;
        left->addWidget(new QLabel(tr("<b>The course's Keras code</b>")));
        left->addWidget(course);
        auto *right = new QVBoxLayout;
        right->addWidget(new QLabel(tr("<b>The studio's current settings, as Keras</b>")));
        right->addWidget(current);
        row->addLayout(left);
        row->addLayout(right);
        layout->addLayout(row, 3);
        links->addWidget(link(tr("Change the settings and train →"), Target::Train));
        links->addWidget(link(tr("Browse the 70,000 images →"), Target::Dataset));
        break;
    }
    case 7: {
        auto *grid = new QGridLayout;
        for (std::size_t i = 0; i < m_experiments.size(); ++i) {
            QPushButton *b = addOneClickRow(grid, int(i), m_experiments[i].title,
                                            m_experiments[i].expectation, "experiment");
            connect(b, &QPushButton::clicked, this, [this, i] { emit experimentRequested(m_experiments[i]); });
            m_experimentButtons << b;
        }
        addScrolledList(layout, grid);
        links->addWidget(link(tr("Model size against an Arduino Uno's 32 KB →"), Target::ExportSmallBoard));
        break;
    }
    case 8: {
        auto *grid = new QGridLayout;
        for (std::size_t i = 0; i < m_playgroundLessons.size(); ++i) {
            QPushButton *b = addOneClickRow(grid, int(i), m_playgroundLessons[i].title,
                                            m_playgroundLessons[i].expectation, "playgroundLesson");
            connect(b, &QPushButton::clicked, this,
                    [this, i] { emit playgroundLessonRequested(m_playgroundLessons[i]); });
            m_playgroundButtons << b;
        }
        addScrolledList(layout, grid);
        break;
    }
    case 9: {
        auto *grid = new QGridLayout;
        for (std::size_t i = 0; i < m_convolutionExperiments.size(); ++i) {
            QPushButton *b = addOneClickRow(grid, int(i), m_convolutionExperiments[i].title,
                                            m_convolutionExperiments[i].expectation, "convolutionExperiment");
            connect(b, &QPushButton::clicked, this,
                    [this, i] { emit experimentRequested(m_convolutionExperiments[i]); });
            m_convolutionButtons << b;
        }
        addScrolledList(layout, grid);
        links->addWidget(link(tr("Draw, and compare both models side by side →"), Target::Draw));
        links->addWidget(link(tr("See the filters in Inspect →"), Target::Inspect));
        links->addWidget(link(tr("Build your own CNN →"), Target::Train));
        break;
    }
    default:
        break;
    }
    links->addStretch();
    layout->addLayout(links);
    return page;
}

NeuronWidget::NeuronWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("neuronWidget"));
    auto *grid = new QGridLayout(this);
    auto slider = [](int lo, int hi, int value) {
        auto *s = new QSlider(Qt::Horizontal);
        s->setRange(lo, hi);
        s->setValue(value);
        return s;
    };
    const int initialX[3] = {100, 50, 0}, initialW[3] = {80, -40, 120};
    for (int i = 0; i < 3; ++i) {
        grid->addWidget(new QLabel(QStringLiteral("x<sub>%1</sub>").arg(i + 1)), i, 0);
        m_inputs.push_back(slider(0, 100, initialX[i]));
        grid->addWidget(m_inputs.back(), i, 1);
        grid->addWidget(new QLabel(QStringLiteral("w<sub>%1</sub>").arg(i + 1)), i, 2);
        m_weights.push_back(slider(-200, 200, initialW[i]));
        grid->addWidget(m_weights.back(), i, 3);
    }
    grid->addWidget(new QLabel(QStringLiteral("b")), 3, 2);
    m_bias = slider(-200, 200, -30);
    grid->addWidget(m_bias, 3, 3);
    grid->addWidget(new QLabel(tr("f")), 3, 0);
    m_activation = new QComboBox;
    for (auto a : {core::Activation::Sigmoid, core::Activation::Relu, core::Activation::Tanh, core::Activation::LeakyRelu, core::Activation::Linear})
        m_activation->addItem(activationName(a), int(a));
    grid->addWidget(m_activation, 3, 1);
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("neuronResult"));
    m_result->setTextFormat(Qt::RichText);
    QFont f = m_result->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    m_result->setFont(f);
    grid->addWidget(m_result, 4, 0, 1, 4);
    for (QSlider *s : m_inputs)
        connect(s, &QSlider::valueChanged, this, &NeuronWidget::update);
    for (QSlider *s : m_weights)
        connect(s, &QSlider::valueChanged, this, &NeuronWidget::update);
    connect(m_bias, &QSlider::valueChanged, this, &NeuronWidget::update);
    connect(m_activation, &QComboBox::currentIndexChanged, this, &NeuronWidget::update);
    update();
}

void NeuronWidget::setValues(const std::vector<double> &inputs, const std::vector<double> &weights, double bias)
{
    for (std::size_t i = 0; i < 3 && i < inputs.size(); ++i)
        m_inputs[i]->setValue(int(std::lround(inputs[i] * 100)));
    for (std::size_t i = 0; i < 3 && i < weights.size(); ++i)
        m_weights[i]->setValue(int(std::lround(weights[i] * 100)));
    m_bias->setValue(int(std::lround(bias * 100)));
}

void NeuronWidget::update()
{
    const auto f = core::Activation(m_activation->currentData().toInt());
    QStringList terms;
    m_z = m_bias->value() / 100.0;
    for (int i = 0; i < 3; ++i) {
        const double x = m_inputs[std::size_t(i)]->value() / 100.0, w = m_weights[std::size_t(i)]->value() / 100.0;
        m_z += x * w;
        terms << QStringLiteral("%1 · %2").arg(localNumber(w, 2)).arg(localNumber(x, 2));
    }
    m_y = double(core::activate(f, float(m_z)));
    m_result->setText(tr("z = %1 + (%2) = <b>%3</b><br>y = %4(%3) = <b>%5</b>")
                          .arg(terms.join(QStringLiteral(" + ")))
                          .arg(localNumber(m_bias->value() / 100.0, 2))
                          .arg(localNumber(m_z, 3))
                          .arg(activationName(f))
                          .arg(localNumber(m_y, 3)));
}

} // namespace tinyml::ui
