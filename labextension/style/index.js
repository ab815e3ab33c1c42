import './base.css';
import './account.css';
import './doctor.css';
