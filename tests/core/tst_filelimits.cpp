// SPDX-License-Identifier: GPL-3.0-or-later
// The limits the file readers promise: an activation code one past the last is unknown, and a
// gzip stream that expands beyond the allowed size is refused (while one exactly at the limit
// loads).
#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"
#include "gzipsupport.h"

#include <QTest>

#include <cstring>

using namespace tinyml::core;

namespace {

Network smallNetwork()
{
    ModelSpec spec = ModelSpec::withHidden({5}, Activation::Sigmoid, 3);
    spec.inputSize = 4;
    Network net(spec);
    net.initialize(8);
    return net;
}

QString messageOf(const std::vector<std::uint8_t> &bytes)
{
    try {
        deserializeModel(bytes, "test.tmlm");
    } catch (const Error &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestFileLimits : public QObject
{
    Q_OBJECT

private slots:
    void activationCodeOnePastTheLast()
    {
        // Activation codes are 0..5 (linear, sigmoid, tanh, relu, leaky ReLU, softmax).
        std::vector<std::uint8_t> bytes = serializeModel(smallNetwork(), nullptr, {});
        const std::uint32_t code = 6;
        std::memcpy(bytes.data() + 28, &code, 4); // the first layer's activation
        QVERIFY2(messageOf(bytes).contains("unknown activation code 6"),
                 qPrintable(messageOf(bytes)));
        const std::uint32_t softmax = 5;
        std::memcpy(bytes.data() + 28, &softmax, 4);
        // A known code (softmax, not allowed on a hidden layer): refused for another reason.
        QVERIFY(!messageOf(bytes).contains("unknown activation"));
    }

    void gunzipLimit_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("below") << 99999 << 100000 << true;
        QTest::newRow("exactly at the limit") << 100000 << 100000 << true;
        QTest::newRow("one byte over") << 100001 << 100000 << false;
        QTest::newRow("half again") << 150000 << 100000 << false;
        QTest::newRow("ten times") << 1000000 << 100000 << false;
    }
    void gunzipLimit()
    {
        QFETCH(int, size);
        QFETCH(int, limit);
        QFETCH(bool, accepted);
        std::vector<std::uint8_t> plain(static_cast<std::size_t>(size));
        for (std::size_t i = 0; i < plain.size(); ++i)
            plain[i] = std::uint8_t(i % 251);
        const std::vector<std::uint8_t> packed = tinyml::test::gzipped(plain);
        QVERIFY(isGzip(packed));
        try {
            const auto out = gunzip(packed, "test.gz", std::uint64_t(limit));
            QVERIFY2(accepted, "an oversized stream was accepted");
            QVERIFY(out == plain);
        } catch (const Error &e) {
            QVERIFY2(!accepted, e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains("expands to more than"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestFileLimits)
#include "tst_filelimits.moc"
