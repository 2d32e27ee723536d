//! Ordinary least squares by Householder QR (nalgebra): coefficients, their standard errors, the residuals and
//! the fit's statistics. QR, not the normal equations: the NIST StRD Longley case, whose predictors are nearly
//! collinear, loses most of its digits through XᵀX in f64 (tests/it/ols.rs checks both NIST cases).

use nalgebra::{DMatrix, DVector};

/// Why a regression could not be fitted.
#[derive(Clone, Debug, PartialEq)]
pub enum OlsError {
    /// Fewer rows than coefficients plus one (no degree of freedom left for the error).
    TooFewRows { rows: usize, coefficients: usize },
    /// A column is a combination of the others (a driver that never changes, or two that move together).
    Singular,
    /// A value is not finite.
    NotFinite,
}

/// A least-squares fit of y on the columns of X (the caller adds the intercept column).
#[derive(Clone, Debug, PartialEq)]
pub struct Ols {
    pub coef: Vec<f64>,
    /// Standard error of each coefficient: √(σ̂² (XᵀX)⁻¹ᵢᵢ).
    pub se: Vec<f64>,
    pub residuals: Vec<f64>,
    /// Σ residual².
    pub sse: f64,
    /// Σ (y − ȳ)².
    pub sst: f64,
    pub n: usize,
    /// Coefficients fitted (columns of X).
    pub p: usize,
}

impl Ols {
    /// σ̂ = √(SSE / (n − p)).
    pub fn residual_sd(&self) -> f64 {
        (self.sse / (self.n - self.p) as f64).sqrt()
    }

    /// 1 − SSE/SST (with an intercept column).
    pub fn r2(&self) -> f64 {
        if self.sst > 0.0 { 1.0 - self.sse / self.sst } else { 1.0 }
    }
}

/// Fits y = X β by least squares; `columns` are X's columns, each of y's length.
pub fn ols(columns: &[Vec<f64>], y: &[f64]) -> Result<Ols, OlsError> {
    let (n, p) = (y.len(), columns.len());
    if n < p + 1 || p == 0 {
        return Err(OlsError::TooFewRows { rows: n, coefficients: p });
    }
    if y.iter().chain(columns.iter().flatten()).any(|v| !v.is_finite()) || columns.iter().any(|c| c.len() != n) {
        return Err(OlsError::NotFinite);
    }
    let x = DMatrix::from_fn(n, p, |i, j| columns[j][i]);
    let qr = x.clone().qr();
    let r = qr.r();
    // A diagonal of R near zero against the column's own size: the column adds nothing the others do not.
    for j in 0..p {
        let size = columns[j].iter().map(|v| v * v).sum::<f64>().sqrt();
        if r[(j, j)].abs() <= 1e-11 * size.max(f64::MIN_POSITIVE) {
            return Err(OlsError::Singular);
        }
    }
    let mut qty = DVector::from_column_slice(y);
    qr.q_tr_mul(&mut qty);
    let beta = r.solve_upper_triangular(&qty.rows(0, p).into_owned()).ok_or(OlsError::Singular)?;
    let fitted = &x * &beta;
    let residuals: Vec<f64> = y.iter().zip(fitted.iter()).map(|(a, b)| a - b).collect();
    let sse: f64 = residuals.iter().map(|e| e * e).sum();
    let mean = y.iter().sum::<f64>() / n as f64;
    let sst: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ; its diagonal is the row sums of squares of R⁻¹.
    let r_inv = r.solve_upper_triangular(&DMatrix::identity(p, p)).ok_or(OlsError::Singular)?;
    let s2 = sse / (n - p) as f64;
    let se = (0..p).map(|i| (s2 * r_inv.row(i).iter().map(|v| v * v).sum::<f64>()).sqrt()).collect();
    Ok(Ols { coef: beta.iter().copied().collect(), se, residuals, sse, sst, n, p })
}
