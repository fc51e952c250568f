package com.kapta.mailchimp.batch;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.BatchConfigurationException;
import org.springframework.batch.core.configuration.support.JdbcDefaultBatchConfiguration;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.database.support.DataFieldMaxValueIncrementerFactory;
import org.springframework.batch.infrastructure.item.database.support.DefaultDataFieldMaxValueIncrementerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.HsqlSequenceMaxValueIncrementer;
import org.springframework.transaction.annotation.Isolation;

/**
 * The job repository, as Spring Boot would make it, but for two things that let many runs
 * start side by side (a push after every contact edit beside an upload, a folder import
 * and the schedule) without a deadlock or a refused start:
 * <ul>
 * <li>On HSQLDB, run ids come from sequences (migration V9), not from Spring Batch's
 * table-based {@code HsqlMaxValueIncrementer}: that one inserts into a table while
 * holding a Java monitor, inside the caller's transaction, so a second thread holding a
 * table lock and waiting for the monitor deadlocked both (a request thread and a job,
 * forever). A sequence takes no lock. PostgreSQL's schema has sequences already.</li>
 * <li>A run is created under READ COMMITTED rather than SERIALIZABLE: on HSQLDB's MVLOCKS
 * a serializable read locks the whole table, so two different jobs starting at once
 * refused each other ("serialization failure"). Serializable guards against two creations
 * of one job instance racing; here a job's lock ({@code JobLocks}) already keeps two
 * launches of one job apart, in every process.</li>
 * <li>A step's context is written without Spring Batch's process-wide lock
 * ({@link StepContextUpdates}): a partition waiting for it inside its transaction while
 * HSQLDB held back new transactions for a checkpoint wedged the run.</li>
 * </ul>
 * Boot's own batch configuration steps aside for this one; the data source and the
 * transaction manager are the application's, found as Boot's would find them.
 */
@Configuration
class JobRepositoryConfiguration extends JdbcDefaultBatchConfiguration {

	/**
	 * As Spring Batch's own makes it (the same settings, in the same order), with
	 * {@link StepContextUpdates} for the contexts.
	 */
	@Override
	@Bean
	public JobRepository jobRepository() {
		var factory = new StepContextUpdates.Factory();
		try {
			factory.setDataSource(getDataSource());
			factory.setTransactionManager(getTransactionManager());
			factory.setDatabaseType(getDatabaseType());
			factory.setIncrementerFactory(getIncrementerFactory());
			factory.setJobKeyGenerator(getJobKeyGenerator());
			factory.setClobType(getClobType());
			factory.setTablePrefix(getTablePrefix());
			factory.setJobInstanceIncrementerName(getJobInstanceIncrementerName());
			factory.setJobExecutionIncrementerName(getJobExecutionIncrementerName());
			factory.setStepExecutionIncrementerName(getStepExecutionIncrementerName());
			factory.setSerializer(getExecutionContextSerializer());
			factory.setConversionService(getConversionService());
			factory.setJdbcOperations(getJdbcOperations());
			factory.setCharset(getCharset());
			factory.setMaxVarCharLength(getMaxVarCharLength());
			factory.setIsolationLevelForCreateEnum(getIsolationLevelForCreate());
			factory.setValidateTransactionState(getValidateTransactionState());
			factory.afterPropertiesSet();
			return factory.getObject();
		}
		catch (Exception ex) {
			throw new BatchConfigurationException("Unable to configure the job repository", ex);
		}
	}

	@Override
	protected DataFieldMaxValueIncrementerFactory getIncrementerFactory() {
		return new SequenceIncrementers(getDataSource());
	}

	@Override
	protected Isolation getIsolationLevelForCreate() {
		return Isolation.READ_COMMITTED;
	}

	/** Spring Batch's incrementers, but HSQLDB's from sequences. */
	private static final class SequenceIncrementers implements DataFieldMaxValueIncrementerFactory {

		private static final String HSQL = "HSQL";

		private final DataSource dataSource;

		private final DefaultDataFieldMaxValueIncrementerFactory others;

		SequenceIncrementers(DataSource dataSource) {
			this.dataSource = dataSource;
			this.others = new DefaultDataFieldMaxValueIncrementerFactory(dataSource);
		}

		@Override
		public DataFieldMaxValueIncrementer getIncrementer(String databaseType, String incrementerName) {
			if (HSQL.equalsIgnoreCase(databaseType)) {
				return new HsqlSequenceMaxValueIncrementer(this.dataSource, incrementerName);
			}
			return this.others.getIncrementer(databaseType, incrementerName);
		}

		@Override
		public boolean isSupportedIncrementerType(String databaseType) {
			return this.others.isSupportedIncrementerType(databaseType);
		}

		@Override
		public String[] getSupportedIncrementerTypes() {
			return this.others.getSupportedIncrementerTypes();
		}

	}

}
