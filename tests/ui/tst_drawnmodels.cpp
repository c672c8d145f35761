// SPDX-License-Identifier: GPL-3.0-or-later
// The two embedded models on the committed drawn test set (tests/data/drawn-*.idx*.gz, made by
// make_drawn_digits through the real Draw & Predict panel): the small CNN must recognise
// drawings clearly better than the course model, by more than the set's measurement noise.
#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "ui/shared/defaultmodel.h"

#include <QTest>

#include <cmath>

using namespace tinyml;

class TestDrawnModels : public QObject
{
    Q_OBJECT

    core::Dataset m_drawn;

    static std::filesystem::path dataFile(const char *name)
    {
        return std::filesystem::path(qEnvironmentVariable("TINYML_TEST_DATA").toStdString()) / name;
    }

    /// Per image: whether the network's most probable class is the label.
    std::vector<bool> hits(const core::Network &net) const
    {
        std::vector<bool> out;
        std::array<float, 784> x;
        for (std::size_t i = 0; i < m_drawn.size(); ++i) {
            for (int p = 0; p < 784; ++p)
                x[std::size_t(p)] = float(m_drawn.image(i)[p]) / 255.0f;
            const auto probs = net.predict(x);
            out.push_back(int(std::max_element(probs.begin(), probs.end()) - probs.begin())
                          == m_drawn.labels[i]);
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        m_drawn = core::loadIdxPair(dataFile("drawn-images.idx3.gz"),
                                    dataFile("drawn-labels.idx1.gz"), "drawn digits");
    }

    void theSetIsLargeAndBalanced()
    {
        QVERIFY(m_drawn.size() >= 300);
        std::array<int, 10> perClass{};
        for (auto l : m_drawn.labels)
            ++perClass[l];
        for (int c : perClass)
            QCOMPARE(c, int(m_drawn.size() / 10));
    }

    void smallCnnBeatsTheCourseModelOnDrawings()
    {
        const core::LoadedModel course = ui::loadDefaultModel();
        const core::LoadedModel cnn = ui::loadSmallCnnModel();
        QVERIFY(course.network.spec().isDenseOnly());
        QVERIFY(cnn.network.spec().inputShape.has_value());
        const std::vector<bool> a = hits(course.network), b = hits(cnn.network);
        int courseRight = 0, cnnRight = 0, onlyCnn = 0, onlyCourse = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            courseRight += a[i];
            cnnRight += b[i];
            onlyCnn += b[i] && !a[i];
            onlyCourse += a[i] && !b[i];
        }
        const double n = double(a.size());
        qInfo(
            "drawn digits (%zu): course model %.1f %%, small CNN %.1f %%; only the CNN right: %d, "
            "only the course model right: %d",
            a.size(), 100 * courseRight / n, 100 * cnnRight / n, onlyCnn, onlyCourse);
        // The noise of a paired comparison lies in the images on which the two disagree: were
        // both models equally good, each of those d images would go either way with
        // probability 1/2, and onlyCnn - onlyCourse would have a standard deviation of sqrt(d).
        // Three standard deviations leave about one chance in 700 to pass by luck.
        const int disagree = onlyCnn + onlyCourse;
        QVERIFY2(onlyCnn - onlyCourse >= 3.0 * std::sqrt(double(disagree)),
                 qPrintable(QStringLiteral("%1 vs %2 of %3 disagreements")
                                .arg(onlyCnn)
                                .arg(onlyCourse)
                                .arg(disagree)));
        // And clearly better for a learner who draws: at most half as many drawings misread.
        const int courseWrong = int(n) - courseRight, cnnWrong = int(n) - cnnRight;
        QVERIFY2(2 * cnnWrong <= courseWrong,
                 qPrintable(QStringLiteral("%1 vs %2 misread").arg(cnnWrong).arg(courseWrong)));
        // Both must still read most drawings: the set is drawn to be legible.
        QVERIFY(courseRight >= 0.7 * n);
    }
};

QTEST_GUILESS_MAIN(TestDrawnModels)
#include "tst_drawnmodels.moc"
