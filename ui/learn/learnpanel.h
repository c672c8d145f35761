// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/learn/experiments.h"
#include "ui/playground/playgroundlessons.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QSlider;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace tinyml::ui {

class NetworkEditor;

/// The Learn tab: the course as eight short lessons (texts in resources/lessons/<language>/),
/// each with something to try and links to the part of the studio where the learner tries it.
/// Lives on the GUI thread.
class LearnPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Target { Draw, Train, Dataset, Inspect, StepWorkedExample, StepMnist, Export, ExportSmallBoard };
    Q_ENUM(Target)

    /// editor: the Train tab's settings, shown as Keras code in lesson 6.
    LearnPanel(NetworkEditor *editor, QWidget *parent = nullptr);

    int lessonCount() const;
    void showLesson(int index);
    /// The link buttons of all lessons, each with its Target in the property "target".
    QList<QPushButton *> links() const;
    /// The experiment buttons of lesson 7, each with its index in the property "experiment".
    QList<QPushButton *> experimentButtons() const;
    /// The Playground buttons of lesson 8, each with its index in the property "playgroundLesson".
    QList<QPushButton *> playgroundButtons() const { return m_playgroundButtons; }
    /// The experiment buttons of lesson 9, each with its index in convolutionExperiments() in
    /// the property "convolutionExperiment".
    QList<QPushButton *> convolutionButtons() const { return m_convolutionButtons; }
    /// The vanishing-gradient experiment buttons of lesson 5 (gradientExperiments(), in order).
    QList<QPushButton *> gradientButtons() const { return m_gradientButtons; }

    /// The lesson's text in the user's language (English when there is no translation).
    static QString lessonText(int number, const QString &language);

signals:
    void linkActivated(tinyml::ui::LearnPanel::Target target);
    void experimentRequested(const tinyml::ui::Experiment &experiment);
    void playgroundLessonRequested(const tinyml::ui::PlaygroundLesson &lesson);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *lessonPage(int number);
    /// Makes the lesson list as wide as its longest word, so that titles wrap but are not cut.
    void fitLessonList();
    QPushButton *link(const QString &text, Target target);

    NetworkEditor *m_editor;
    QListWidget *m_list;
    QStackedWidget *m_pages;
    QPlainTextEdit *m_keras = nullptr;
    QList<QPushButton *> m_links;
    QList<QPushButton *> m_experimentButtons;
    std::vector<Experiment> m_experiments;
    QList<QPushButton *> m_convolutionButtons;
    std::vector<Experiment> m_convolutionExperiments;
    QList<QPushButton *> m_gradientButtons;
    std::vector<Experiment> m_gradientExperiments;
    QList<QPushButton *> m_playgroundButtons;
    std::vector<PlaygroundLesson> m_playgroundLessons;
};

/// Sliders for three inputs, three weights and a bias, a choice of activation, and z and y live.
class NeuronWidget : public QWidget
{
    Q_OBJECT

public:
    explicit NeuronWidget(QWidget *parent = nullptr);
    double z() const { return m_z; }
    double y() const { return m_y; }
    void setValues(const std::vector<double> &inputs, const std::vector<double> &weights, double bias);

private:
    void update();
    std::vector<QSlider *> m_inputs, m_weights;
    QSlider *m_bias;
    QComboBox *m_activation;
    QLabel *m_result;
    double m_z = 0, m_y = 0;
};

} // namespace tinyml::ui
