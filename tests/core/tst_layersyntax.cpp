// SPDX-License-Identifier: GPL-3.0-or-later
// The --layers parser: Keras's vocabulary and defaults in, typed layers out; bad text refused
// with the column, the token and what was expected.
#include "core/base/error.h"
#include "core/nn/layersyntax.h"

#include <QTest>

using namespace tinyml::core;
using L = LayerSpec;
Q_DECLARE_METATYPE(std::vector<tinyml::core::LayerSpec>)

class TestLayerSyntax : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::vector<LayerSpec>>("layers");
        const auto relu = Activation::Relu;
        const auto same = Padding::Same;
        QTest::newRow("the issue's example")
            << "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
               "MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)"
            << std::vector<L>{L::conv2d(8, 3, relu),  L::maxPooling2d(2),
                              L::conv2d(16, 3, relu), L::maxPooling2d(2),
                              L::flatten(),           L::dense(10, Activation::Softmax)};
        QTest::newRow("keyword forms, pairs, quotes")
            << "Conv2D(filters=4, kernel_size=(3,3), strides=(2, 2), padding='same', "
               "activation=\"tanh\"), AveragePooling2D(pool_size=(2,2)), Flatten(), Dense(units=3)"
            << std::vector<L>{L::conv2d(4, 3, Activation::Tanh, 2, same), L::averagePooling2d(2),
                              L::flatten(), L::dense(3, Activation::Linear)};
        QTest::newRow("Keras defaults: linear, valid, pooling strides = pool size")
            << "Conv2D(2, 5), MaxPooling2D(), MaxPooling2D(3, strides=None), Flatten(), Dense(4)"
            << std::vector<L>{L::conv2d(2, 5, Activation::Linear), L::maxPooling2d(2),
                              L::maxPooling2d(3, 3), L::flatten(), L::dense(4, Activation::Linear)};
        QTest::newRow("depthwise, dropout, pooling with stride and padding")
            << "layers.DepthwiseConv2D(3, activation=relu, padding=same, depth_multiplier=1), "
               "MaxPooling2D(3, 2, 'same'), Dropout(0.25), Flatten(), Dense(10, "
               "activation=softmax),"
            << std::vector<L>{L::depthwiseConv2d(3, relu, 1, same), L::maxPooling2d(3, 2, same),
                              L::dropout(0.25f), L::flatten(), L::dense(10, Activation::Softmax)};
        QTest::newRow("dense only, activation None")
            << "  Dense(128,activation=relu)  ,Dense(10, activation=None) "
            << std::vector<L>{L::dense(128, relu), L::dense(10, Activation::Linear)};
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(std::vector<LayerSpec>, layers);
        const auto parsed = parseLayers(text.toStdString());
        QCOMPARE(parsed.size(), layers.size());
        for (std::size_t i = 0; i < layers.size(); ++i) {
            QVERIFY2(parsed[i] == layers[i], qPrintable(QString::number(i)));
            // Written back and read again: the same layer.
            QVERIFY(parseLayers(toKeras(parsed[i])).front() == layers[i]);
        }
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("words");
        QTest::newRow("empty") << "  " << 3 << "expected a layer";
        QTest::newRow("unknown layer")
            << "Conv2D(8, 3), Conv3D(2)" << 15 << "'Conv3D': expected a layer";
        QTest::newRow("misspelt activation")
            << "Conv2D(8, 3, activation=rleu)" << 25 << "'rleu': expected an activation";
        QTest::newRow("unknown keyword") << "Conv2D(8, 3, dilation_rate=2)" << 14
                                         << "'dilation_rate': expected an argument of Conv2D";
        QTest::newRow("missing kernel") << "Conv2D(8)" << 9 << "expected the kernel size";
        QTest::newRow("bad padding")
            << "Conv2D(8, 3, padding=full)" << 22 << "'full': expected a padding";
        QTest::newRow("non-square kernel") << "Conv2D(8, (3, 5))" << 15 << "only square kernels";
        QTest::newRow("missing comma between layers")
            << "Flatten() Dense(10)" << 11 << "expected ',' between layers";
        QTest::newRow("unclosed") << "Dense(10" << 9 << "end of text: expected ',' or ')'";
        QTest::newRow("dropout rate 1") << "Dropout(1)" << 9 << "dropout rate";
        QTest::newRow("zero filters") << "Conv2D(0, 3)" << 8 << "a number of filters";
        QTest::newRow("depth multiplier 2")
            << "DepthwiseConv2D(3, depth_multiplier=2)" << 37 << "depth multiplier of 1";
        QTest::newRow("argument given twice") << "Dense(10, units=3)" << 11 << "given twice";
        QTest::newRow("positional after keyword")
            << "Dense(units=10, relu)" << 17 << "keyword argument";
        QTest::newRow("Flatten with an argument") << "Flatten(2)" << 9 << "takes no arguments";
        QTest::newRow("unterminated string")
            << "Dense(3, activation='relu)" << 21 << "closing quote";
        QTest::newRow("huge number") << "Dense(99999999999999999999)" << 7 << "whole number";
    }
    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, words);
        try {
            parseLayers(text.toStdString());
            QFAIL("bad text was accepted");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(ErrorCode::LayersSyntax));
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(words), qPrintable(message));
            QCOMPARE(e.args().offset.value_or(-1), std::int64_t(column));
            QVERIFY2(message.startsWith(QStringLiteral("column %1: ").arg(column)),
                     qPrintable(message));
        }
    }

    void modelsTakeImagesUnlessTheyStartDense()
    {
        const ModelSpec cnn = modelFromLayers(parseLayers("Conv2D(2, 3), Flatten(), Dense(10)"));
        QCOMPARE(*cnn.inputShape, Shape::hwc(28, 28, 1));
        QCOMPARE(cnn.inputSize, 784);
        const ModelSpec dense = modelFromLayers(parseLayers("Dense(128), Dense(10)"));
        QVERIFY(!dense.inputShape);
        QCOMPARE(dense.inputSize, 784);
        QVERIFY(dense.isDenseOnly());
    }
};

QTEST_GUILESS_MAIN(TestLayerSyntax)
#include "tst_layersyntax.moc"
