// SPDX-License-Identifier: GPL-3.0-or-later
// The network editor with convolutional layers: the live table of shapes, parameters, MACs and
// RAM against Keras's formulas worked out here, impossible stacks refused while editing with
// the layer named, the small CNN preset, and the Keras line.
#include "ui/shared/defaultmodel.h"
#include "ui/shared/networkeditor.h"

#include "core/deploy/budget.h"
#include "core/nn/layersyntax.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;
using L = core::LayerSpec;
using core::Activation;

namespace {

/// One expected row of the cost table, worked out with Keras's formulas (docs/facts.md §7):
/// valid: out = floor((in - k) / s) + 1; same: out = ceil(in / s); Conv2D parameters
/// k·k·c_in·f + f and MACs out_h·out_w·f·k·k·c_in; DepthwiseConv2D k·k·c + c and
/// out_h·out_w·c·k·k; Dense in·u + u and in·u; pooling and Flatten none.
struct Expected
{
    int h, w, c; ///< h = w = 0: a flat tensor of c values
    long long parameters, macs;
};

QString shape(const Expected &e)
{
    const QLocale l;
    return e.h == 0 ? l.toString(e.c)
                    : QStringLiteral("%1 × %2 × %3")
                          .arg(l.toString(e.h), l.toString(e.w), l.toString(e.c));
}

QString bytes(long long n)
{
    return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

Q_DECLARE_METATYPE(std::vector<core::LayerSpec>)
Q_DECLARE_METATYPE(std::vector<Expected>)

class TestNetworkEditor : public QObject
{
    Q_OBJECT

private slots:
    void liveTableFollowsKerasFormulas_data()
    {
        QTest::addColumn<std::vector<core::LayerSpec>>("layers");
        QTest::addColumn<std::vector<Expected>>("expected"); // every layer, then the output

        // 28 -3+1= 26 -> /2 = 13 -> -3+1 = 11 -> /2 = 5 (floor 5.5) -> 5*5*16 = 400 -> 10
        QTest::newRow("small CNN")
            << std::vector<L>{L::conv2d(8, 3, Activation::Relu), L::maxPooling2d(2),
                              L::conv2d(16, 3, Activation::Relu), L::maxPooling2d(2), L::flatten()}
            << std::vector<Expected>{{26, 26, 8, 3 * 3 * 1 * 8 + 8, 26 * 26 * 8 * 9},
                                     {13, 13, 8, 0, 0},
                                     {11, 11, 16, 3 * 3 * 8 * 16 + 16, 11 * 11 * 16 * 9 * 8},
                                     {5, 5, 16, 0, 0},
                                     {0, 0, 400, 0, 0},
                                     {0, 0, 10, 400 * 10 + 10, 400 * 10}};
        // same, stride 2: ceil(28 / 2) = 14; depthwise 3x3 valid: 12; average pool 3: 4
        QTest::newRow("strided same, depthwise, average pooling, dropout")
            << std::vector<L>{L::conv2d(4, 5, Activation::Tanh, 2, core::Padding::Same),
                              L::depthwiseConv2d(3, Activation::Relu),
                              L::averagePooling2d(3),
                              L::flatten(),
                              L::dropout(0.5f),
                              L::dense(20, Activation::Sigmoid)}
            << std::vector<Expected>{{14, 14, 4, 5 * 5 * 1 * 4 + 4, 14 * 14 * 4 * 25},
                                     {12, 12, 4, 3 * 3 * 4 + 4, 12 * 12 * 4 * 9},
                                     {4, 4, 4, 0, 0},
                                     {0, 0, 64, 0, 0},
                                     {0, 0, 64, 0, 0},
                                     {0, 0, 20, 64 * 20 + 20, 64 * 20},
                                     {0, 0, 10, 20 * 10 + 10, 20 * 10}};
        // valid, stride 2, kernel 4: floor((28 - 4) / 2) + 1 = 13; same 3x3 stride 1 keeps 13
        QTest::newRow("strided valid then same")
            << std::vector<L>{L::conv2d(6, 4, Activation::Relu, 2),
                              L::conv2d(3, 3, Activation::LeakyRelu, 1, core::Padding::Same),
                              L::maxPooling2d(4), L::flatten()}
            << std::vector<Expected>{{13, 13, 6, 4 * 4 * 1 * 6 + 6, 13 * 13 * 6 * 16},
                                     {13, 13, 3, 3 * 3 * 6 * 3 + 3, 13 * 13 * 3 * 9 * 6},
                                     {3, 3, 3, 0, 0},
                                     {0, 0, 27, 0, 0},
                                     {0, 0, 10, 27 * 10 + 10, 27 * 10}};
        QTest::newRow("dense course model")
            << std::vector<L>{L::dense(128, Activation::Relu)}
            << std::vector<Expected>{{0, 0, 128, 784 * 128 + 128, 784 * 128},
                                     {0, 0, 10, 128 * 10 + 10, 128 * 10}};
    }

    void liveTableFollowsKerasFormulas()
    {
        QFETCH(std::vector<core::LayerSpec>, layers);
        QFETCH(std::vector<Expected>, expected);
        NetworkEditor editor;
        editor.setHiddenLayers(layers);
        QVERIFY2(editor.isValid(), qPrintable(editor.problem()));
        QTableWidget *t = editor.costTable();
        QCOMPARE(t->rowCount(), int(expected.size()) + 1);
        const bool image = layers.front().kind != core::LayerKind::Dense;
        QCOMPARE(t->item(0, NetworkEditor::CostShape)->text(),
                 image ? shape({28, 28, 1, 0, 0}) : shape({0, 0, 784, 0, 0}));
        long long parameters = 0, macs = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const Expected &e = expected[i];
            const int row = int(i) + 1;
            QCOMPARE(t->item(row, NetworkEditor::CostShape)->text(), shape(e));
            QCOMPARE(t->item(row, NetworkEditor::CostParameters)->text(),
                     QLocale().toString(e.parameters));
            QCOMPARE(t->item(row, NetworkEditor::CostMacs)->text(), QLocale().toString(e.macs));
            const long long values = e.h == 0 ? e.c : (long long)e.h * e.w * e.c;
            QCOMPARE(t->item(row, NetworkEditor::CostRam)->text(), bytes(4 * values));
            parameters += e.parameters;
            macs += e.macs;
        }
        QCOMPARE(editor.spec().parameterCount(), parameters);
        const QString summary = editor.summaryLabel()->text();
        QVERIFY2(summary.contains(QLocale().toString(parameters)), qPrintable(summary));
        QVERIFY2(summary.contains(QLocale().toString(macs)), qPrintable(summary));
    }

    void germanNumbersInTheTable()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        NetworkEditor editor;
        editor.setHiddenLayers({L::conv2d(32, 3, Activation::Relu), L::flatten()});
        // 26 * 26 * 32 * 9 = 194,688 MACs; 21,632 values * 10 + 10 = 216,330 parameters
        QCOMPARE(editor.costTable()->item(1, NetworkEditor::CostMacs)->text(),
                 QStringLiteral("194.688"));
        QCOMPARE(editor.costTable()->item(3, NetworkEditor::CostParameters)->text(),
                 QStringLiteral("216.330"));
        QLocale::setDefault(QLocale::c());
    }

    void impossibleStacksAreRefusedWhileEditing_data()
    {
        QTest::addColumn<std::vector<core::LayerSpec>>("layers");
        QTest::addColumn<QString>("layer"); // as the message names it, counted from 1
        QTest::addColumn<QString>("words");
        // 28 -> conv 3 stride 2 valid: 13 -> pool 2: 6 -> pool 2: 3 -> a 5x5 kernel on 3x3
        QTest::newRow("kernel larger than its input")
            << std::vector<L>{L::conv2d(4, 3, Activation::Relu, 2), L::maxPooling2d(2),
                              L::maxPooling2d(2), L::conv2d(4, 5, Activation::Relu), L::flatten()}
            << QStringLiteral("Layer 4 (Conv2D)") << QStringLiteral("larger than its input");
        // a 28x28 kernel leaves a 1x1 map; pooling it is impossible
        QTest::newRow("pooling a 1x1 map")
            << std::vector<L>{L::conv2d(4, 28, Activation::Relu), L::maxPooling2d(2), L::flatten()}
            << QStringLiteral("Layer 2 (MaxPooling2D)") << QStringLiteral("1×1");
        QTest::newRow("Dense after a convolution without Flatten")
            << std::vector<L>{L::conv2d(8, 3, Activation::Relu), L::dense(32, Activation::Relu)}
            << QStringLiteral("Layer 2 (Dense)") << QStringLiteral("Flatten");
        QTest::newRow("output after pooling without Flatten")
            << std::vector<L>{L::conv2d(8, 3, Activation::Relu), L::maxPooling2d(2)}
            << QStringLiteral("Layer 3 (Dense)") << QStringLiteral("Flatten");
        QTest::newRow("pooling a flat tensor")
            << std::vector<L>{L::dense(32, Activation::Relu), L::maxPooling2d(2)}
            << QStringLiteral("Layer 2 (MaxPooling2D)") << QStringLiteral("image");
    }

    void impossibleStacksAreRefusedWhileEditing()
    {
        QFETCH(std::vector<core::LayerSpec>, layers);
        QFETCH(QString, layer);
        QFETCH(QString, words);
        NetworkEditor editor;
        editor.show();
        QVERIFY(editor.isValid());
        editor.setHiddenLayers(layers);
        QVERIFY(!editor.isValid());
        QVERIFY2(editor.problem().contains(layer) && editor.problem().contains(words),
                 qPrintable(editor.problem()));
        auto *label = editor.findChild<QLabel *>(QStringLiteral("stackProblem"));
        QVERIFY(label && label->isVisible());
        QCOMPARE(label->text(), editor.problem());
        // The rows from the refused layer on have no figures.
        const int bad = layer.section(QLatin1Char(' '), 1, 1).toInt();
        QCOMPARE(editor.costTable()->item(bad, NetworkEditor::CostShape)->text(),
                 QStringLiteral("—"));
        QVERIFY(editor.costTable()->item(bad - 1, NetworkEditor::CostShape)->text()
                != QStringLiteral("—"));
        // Removing the layers makes the course-like stack valid again.
        editor.setHiddenLayers({});
        QVERIFY(editor.isValid());
        QVERIFY(!label->isVisible());
    }

    void buildAConvolutionWithTheWidgets()
    {
        NetworkEditor editor;
        editor.show();
        editor.setHiddenLayers({});
        QTableWidget *table = editor.layerTable();
        auto *add = editor.findChild<QPushButton *>(QStringLiteral("addLayer"));
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(editor.hiddenLayerCount(), 1);
        auto *kind = qobject_cast<QComboBox *>(table->cellWidget(0, NetworkEditor::KindColumn));
        QVERIFY(kind);
        kind->setCurrentIndex(kind->findText(QStringLiteral("Conv2D")));
        auto *filters = qobject_cast<QSpinBox *>(table->cellWidget(0, NetworkEditor::SizeColumn));
        auto *kernel = qobject_cast<QSpinBox *>(table->cellWidget(0, NetworkEditor::KernelColumn));
        auto *padding
            = qobject_cast<QComboBox *>(table->cellWidget(0, NetworkEditor::PaddingColumn));
        QVERIFY(filters && kernel && padding);
        filters->setValue(6);
        kernel->setValue(5);
        // Conv2D straight into the output Dense: refused until Flatten follows.
        QVERIFY(!editor.isValid());
        QVERIFY(editor.problem().contains(QStringLiteral("Layer 2 (Dense)")));
        table->setCurrentCell(0, 0);
        QTest::mouseClick(add, Qt::LeftButton); // after the selected row
        auto *second = qobject_cast<QComboBox *>(table->cellWidget(1, NetworkEditor::KindColumn));
        second->setCurrentIndex(second->findText(QStringLiteral("Flatten")));
        QVERIFY2(editor.isValid(), qPrintable(editor.problem()));
        QVERIFY(!table->cellWidget(1, NetworkEditor::SizeColumn)); // Flatten has no settings
        padding->setCurrentIndex(padding->findData(int(core::Padding::Same)));
        const core::ModelSpec s = editor.spec();
        QCOMPARE(s.layers.size(), std::size_t(3));
        QVERIFY(s.layers[0] == L::conv2d(6, 5, Activation::Relu, 1, core::Padding::Same));
        QVERIFY(s.inputShape == core::Shape::hwc(28, 28, 1));
        // same padding keeps 28 x 28: 28 * 28 * 6 = 4,704 values into the output
        QCOMPARE(editor.costTable()->item(2, NetworkEditor::CostShape)->text(),
                 QLocale().toString(4704));
        QCOMPARE(editor.costTable()->item(3, NetworkEditor::CostParameters)->text(),
                 QLocale().toString(4704 * 10 + 10));
        QCOMPARE(editor.kerasLine(), QStringLiteral("Conv2D(6, 5, padding=same, activation=relu), "
                                                    "Flatten(), Dense(10, activation=softmax)"));
        QCOMPARE(editor.findChild<QLineEdit *>(QStringLiteral("kerasLine"))->text(),
                 editor.kerasLine());
        // A Keras line reads back as the same layers.
        QVERIFY(core::parseLayers(editor.kerasLine().toStdString()) == s.layers);
    }

    void smallCnnPreset()
    {
        NetworkEditor editor;
        QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("smallCnnPreset")),
                          Qt::LeftButton);
        QVERIFY(editor.isValid());
        QCOMPARE(editor.kerasLine(),
                 QStringLiteral("Conv2D(8, 3, activation=relu), MaxPooling2D(2), "
                                "Conv2D(16, 3, activation=relu), MaxPooling2D(2), Flatten(), "
                                "Dense(10, activation=softmax)"));
        // 80 + 1,168 + 4,010 parameters (Keras's count for this stack)
        QCOMPARE(editor.spec().parameterCount(), 80 + 1168 + 4010);
        QVERIFY(editor.spec().layers == smallCnnSpec().layers);
        // The Keras equivalent (Train tab's dialog) is the same stack, runnable in Colab.
        const std::string code = core::kerasCode(editor.spec(), editor.config());
        for (const char *line : {"tf.keras.layers.Reshape((28, 28, 1), input_shape=(28, 28)),",
                                 "tf.keras.layers.Conv2D(8, 3, activation='relu'),",
                                 "tf.keras.layers.MaxPooling2D(2),",
                                 "tf.keras.layers.Conv2D(16, 3, activation='relu'),",
                                 "tf.keras.layers.Flatten(),",
                                 "tf.keras.layers.Dense(10, activation='softmax'),"})
            QVERIFY2(code.find(line) != std::string::npos, line);
        QVERIFY(code.find("Flatten(input_shape") == std::string::npos);
        // Course defaults stay available and dense models keep their flat input.
        editor.restoreDefaults();
        QVERIFY(editor.spec().layers == core::ModelSpec::courseModel().layers);
        QCOMPARE(editor.spec().inputSize, 784);
        QVERIFY(editor.spec().isDenseOnly());
    }
};

QTEST_MAIN(TestNetworkEditor)
#include "tst_networkeditor.moc"
