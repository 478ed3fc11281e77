// Asks for an assessor's override of one risk's residual rating: likelihood, impact and the
// rationale that the record (and every report) will carry. OK stays disabled until a rationale
// is written, because the store refuses an override without one.
#pragma once

#include "Levels.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace bulkhead {

struct RiskRating;

class RiskOverrideDialog : public QDialog {
    Q_OBJECT

public:
    // Starts from the risk's current residual rating.
    explicit RiskOverrideDialog(const RiskRating &risk, QWidget *parent = nullptr);

    Level likelihood() const;
    Level impact() const;
    QString rationale() const; // trimmed

    void setLikelihood(Level level);
    void setImpact(Level level);
    void setRationale(const QString &text);

    // For tests and accessibility tools.
    QComboBox *likelihoodBox() const { return m_likelihood; }
    QComboBox *impactBox() const { return m_impact; }
    QPlainTextEdit *rationaleEdit() const { return m_rationale; }
    QPushButton *okButton() const { return m_ok; }
    QString resultingLevelText() const;

private:
    void updateState();

    QComboBox *m_likelihood = nullptr;
    QComboBox *m_impact = nullptr;
    QPlainTextEdit *m_rationale = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace bulkhead
