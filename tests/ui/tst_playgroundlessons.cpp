// SPDX-License-Identifier: GPL-3.0-or-later
// Every experiment of the lesson "Why hidden layers: bending the plane" shows what its text
// promises when the engine really trains it, and the Playground's file format keeps every setting
// and point and refuses crafted files with a clear error before using anything.
#include "ui/playground/playgroundfile.h"
#include "ui/playground/playgroundlessons.h"
#include "ui/shared/errortext.h"

#include "core/base/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using ui::PlaygroundLesson;

namespace {

std::vector<core::PlaygroundEpoch> run(const core::PlaygroundConfig &config, int epochs)
{
    core::Playground p(config);
    std::vector<core::PlaygroundEpoch> history;
    for (int e = 0; e < epochs; ++e) {
        p.trainEpoch();
        history.push_back({p.epoch(), p.trainLoss(), p.testLoss()});
    }
    return history;
}

/// A valid state file's JSON object with one setting replaced.
QByteArray withValue(const QString &key, const QJsonValue &value)
{
    core::PlaygroundConfig c;
    c.points = 20;
    ui::PlaygroundState state{
        c, core::splitPlanar(core::generatePlanar(c.data, c.points, 0.0f, 1), 0.5f, 1)};
    QJsonObject o = QJsonDocument::fromJson(ui::playgroundToJson(state)).object();
    if (value.isUndefined())
        o.remove(key);
    else
        o[key] = value;
    return QJsonDocument(o).toJson();
}

} // namespace

class TestPlaygroundLessons : public QObject
{
    Q_OBJECT

private slots:
    void everyLessonShowsItsOutcome()
    {
        const auto lessons = ui::playgroundLessons();
        QCOMPARE(int(lessons.size()), 6);
        std::vector<core::PlaygroundEpoch> overfitting;
        for (const PlaygroundLesson &l : lessons) {
            QVERIFY(!l.title.isEmpty() && !l.expectation.isEmpty());
            const auto history = run(l.config, l.epochs);
            if (l.id == PlaygroundLesson::Id::Overfitting)
                overfitting = history;
            const bool shows = ui::showsExpectedOutcome(l.id, history, &overfitting);
            qInfo("%s: epochs to test loss 0.05: %d; last test loss %.4f", qPrintable(l.title),
                  ui::epochsToTestLoss(history, 0.05), history.back().testLoss);
            QVERIFY2(shows, qPrintable(l.title));
        }
    }

    void withoutDepthTheSpiralIsNotSolved()
    {
        // The lesson's claim about one layer of 8 on the spiral, with every other setting kept.
        for (const PlaygroundLesson &l : ui::playgroundLessons()) {
            if (l.id != PlaygroundLesson::Id::SpiralNeedsDepth)
                continue;
            core::PlaygroundConfig shallow = l.config;
            shallow.hidden = {8};
            const auto history = run(shallow, l.epochs);
            QCOMPARE(ui::epochsToTestLoss(history, 0.05), -1);
        }
    }

    void roundTrip()
    {
        core::PlaygroundConfig c;
        c.data = core::PlanarKind::Spiral;
        c.points = 300;
        c.noise = 0.25f;
        c.trainRatio = 0.7f;
        c.seed = 123456;
        c.features = std::uint32_t(core::Feature::SinX2) | std::uint32_t(core::Feature::X1TimesX2);
        c.hidden = {8, 3, 1};
        c.activation = core::Activation::LeakyRelu;
        c.optimizer = core::OptimizerKind::Sgd;
        c.learningRate = 0.3f;
        c.l1 = 0.003f;
        c.l2 = 0.01f;
        c.batchSize = 25;
        ui::PlaygroundState state{
            c, core::splitPlanar(core::generatePlanar(c.data, c.points, c.noise, c.seed),
                                 c.trainRatio, c.seed)};
        state.data.train.push_back({-5.5f, 4.25f, 1.0f}); // a clicked point
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("state.json"));
        ui::savePlayground(file, state);
        const ui::PlaygroundState back = ui::loadPlayground(file);
        QVERIFY(back.config == c);
        QVERIFY(back.data.train == state.data.train);
        QVERIFY(back.data.test == state.data.test);
    }

    void craftedFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        const int file = int(core::ErrorCode::PlaygroundFileInvalid);
        const int setting = int(core::ErrorCode::PlaygroundSettingInvalid);
        QTest::newRow("not JSON") << QByteArray("{\"format\": \"tinyml-playground\", ") << file
                                  << QString();
        QTest::newRow("a list") << QByteArray("[1, 2, 3]") << file << QString();
        QTest::newRow("another format") << withValue("format", "tinyml-model") << file << QString();
        QTest::newRow("a newer version") << withValue("version", 2) << file << QString();
        QTest::newRow("version as text") << withValue("version", "1") << setting << "version";
        QTest::newRow("unknown data") << withValue("data", "moons") << setting << "data";
        QTest::newRow("points missing")
            << withValue("points", QJsonValue::Undefined) << setting << "points";
        QTest::newRow("points too many") << withValue("points", 2001) << setting << "points";
        QTest::newRow("points fractional") << withValue("points", 10.5) << setting << "points";
        QTest::newRow("noise above 1") << withValue("noise", 1.5) << setting << "noise";
        QTest::newRow("train ratio 0") << withValue("trainRatio", 0) << setting << "trainRatio";
        QTest::newRow("seed negative") << withValue("seed", -1) << setting << "seed";
        QTest::newRow("no features")
            << withValue("features", QJsonArray{}) << setting << "features";
        QTest::newRow("unknown feature")
            << withValue("features", QJsonArray{"x3"}) << setting << "features";
        QTest::newRow("9 units") << withValue("hidden", QJsonArray{4, 9}) << setting << "hidden";
        QTest::newRow("0 units") << withValue("hidden", QJsonArray{0}) << setting << "hidden";
        QTest::newRow("7 layers") << withValue("hidden", QJsonArray{1, 1, 1, 1, 1, 1, 1}) << setting
                                  << "hidden";
        QTest::newRow("softmax hidden")
            << withValue("activation", "softmax") << setting << "activation";
        QTest::newRow("learning rate negative")
            << withValue("learningRate", -0.1) << setting << "learningRate";
        QTest::newRow("learning rate huge")
            << withValue("learningRate", 1e30) << setting << "learningRate";
        QTest::newRow("L1 of 1") << withValue("l1", 1) << setting << "l1";
        QTest::newRow("L2 as text") << withValue("l2", "0.1") << setting << "l2";
        QTest::newRow("batch 0") << withValue("batchSize", 0) << setting << "batchSize";
        QTest::newRow("point outside the square")
            << withValue("train", QJsonArray{QJsonArray{7.0, 0.0, 1.0}}) << setting << "train";
        QTest::newRow("point with label 2")
            << withValue("test", QJsonArray{QJsonArray{1.0, 0.0, 2.0}}) << setting << "test";
        QTest::newRow("point with two numbers")
            << withValue("train", QJsonArray{QJsonArray{1.0, 0.0}}) << setting << "train";
        QTest::newRow("point as text")
            << withValue("train", QJsonArray{"1,2,1"}) << setting << "train";
        QJsonArray many;
        for (int i = 0; i < 5001; ++i)
            many.append(QJsonArray{0.0, 0.0, 0.0});
        QTest::newRow("5001 points") << withValue("train", many) << setting << "train";
    }

    void craftedFilesAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, code);
        QFETCH(QString, name);
        const QString file = QStringLiteral("crafted.json");
        try {
            ui::playgroundFromJson(json, file);
            QFAIL("accepted");
        } catch (const core::Error &e) {
            QCOMPARE(int(e.code()), code);
            QCOMPARE(QString::fromStdString(e.args().name), name);
            const QString text = ui::errorText(e, QLocale(QLocale::English));
            QVERIFY2(text.contains(file), qPrintable(text));
        }
    }

    void oversizedFileIsRefusedUnread()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(ui::kPlaygroundFileLimit + 1, ' '));
        f.close();
        try {
            ui::loadPlayground(file);
            QFAIL("accepted");
        } catch (const core::Error &e) {
            QVERIFY(e.code() == core::ErrorCode::FileTooLarge);
        }
    }
};

QTEST_GUILESS_MAIN(TestPlaygroundLessons)
#include "tst_playgroundlessons.moc"
