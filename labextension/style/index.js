import './base.css';
import './account.css';
